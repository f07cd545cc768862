package newsroom.article.outbox;

import static org.springframework.data.mongodb.core.FindAndModifyOptions.options;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import newsroom.article.editorial.Article;
import newsroom.platform.events.CloudEventPublisher;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.TaskExecutor;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves events from articles' outboxes to Kafka.
 *
 * <p>Right after a change it sends that article's pending events in the background; a sweep sends whatever is still
 * pending (the broker was down, the process died before sending). Guarantees:
 * <ul>
 *   <li>An event leaves the outbox only after a synchronous send the broker acknowledged. A send that throws
 *       <em>or</em> returns false is a failure; the event stays, and nothing after it in that article's outbox is
 *       sent before it (per-article order).</li>
 *   <li>One sender per article at a time, across replicas: a sender first claims the article (a short lease in the
 *       article document, {@code relayClaimOwner}/{@code relayClaimUntil}), so the immediate send and a sweep — or
 *       two replicas' sweeps — cannot interleave one article's events.</li>
 *   <li>While sends fail, immediate sends are skipped (each would wait for the producer's timeout); the sweep keeps
 *       trying the oldest pending article and resumes everything once one send succeeds.</li>
 * </ul>
 * <p>A crash between the acknowledged send and the removal re-sends the event later: delivery is at-least-once, and
 * consumers discard what they already applied by the event's {@code revision}.
 */
@Component
public class OutboxRelay {

    static final String BINDING = "articleLifecycle-out-0";
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final Duration CLAIM = Duration.ofSeconds(60);
    /**
     * Every write here goes to the collection by name, not through the Article entity: Spring Data would otherwise
     * bump the article's {@code @Version} with each claim and removal, and editors holding the article's ETag would
     * get 412s because an event was sent.
     */
    static final String COLLECTION = "articles";

    private final MongoTemplate mongo;
    private final CloudEventPublisher publisher;
    private final Clock clock;
    private final Duration sweepGrace;
    private final TaskExecutor background;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final Counter sent;
    private final Counter failures;
    /** When sends started failing, or null while they succeed. */
    private volatile Instant failingSince;

    public OutboxRelay(MongoTemplate mongo, CloudEventPublisher publisher, Clock clock, MeterRegistry meters,
            @Qualifier("applicationTaskExecutor") TaskExecutor background,
            @Value("${newsroom.outbox.sweep-grace:PT5S}") Duration sweepGrace) {
        this.background = background;
        this.mongo = mongo;
        this.publisher = publisher;
        this.clock = clock;
        this.sweepGrace = sweepGrace;
        this.sent = Counter.builder("newsroom.outbox.sent").description("Events acknowledged by Kafka")
                .register(meters);
        this.failures = Counter.builder("newsroom.outbox.send.failures")
                .description("Sends that failed; the event stayed in the outbox").register(meters);
        meters.gauge("newsroom.outbox.pending", this, OutboxRelay::pendingArticles);
    }

    /** Sends the article's pending events soon, without holding up the caller. */
    public void sendSoon(String articleId) {
        if (failingSince != null) {
            return; // the sweep will; trying now would only wait for the producer's timeout
        }
        background.execute(() -> {
            if (failingSince == null) {
                flush(articleId);
            }
        });
    }

    /** Whether the last send failed (the sweep is retrying). */
    public boolean isFailing() {
        return failingSince != null;
    }

    /**
     * Sends the article's pending events in order, removing each once acknowledged.
     *
     * @return how many were sent; stops at the first failure, or when another sender holds the article
     */
    public int flush(String articleId) {
        int count = 0;
        while (true) {
            // A token per claim, not per process: the immediate sender and the sweep of one JVM exclude each other.
            String token = owner + "/" + UUID.randomUUID();
            Article article = claim(articleId, token);
            if (article == null) {
                return count;
            }
            boolean failed = false;
            boolean released = false;
            List<PendingEvent> events = article.getOutbox();
            try {
                for (int i = 0; i < events.size(); i++) {
                    PendingEvent event = events.get(i);
                    if (!trySend(articleId, event)) {
                        failed = true;
                        break;
                    }
                    count++;
                    // Remove the sent event and extend the claim in one write — or, after the last event claimed,
                    // release the claim in that same write (one round trip less per publish). A claim lost
                    // meanwhile (it expired during a long outage) ends this round after the removal, leaving the
                    // rest to its new holder.
                    boolean last = i == events.size() - 1;
                    Update sent = new Update().pull("outbox", new Document("eventId", event.eventId()));
                    if (last) {
                        sent.unset("relayClaimOwner").unset("relayClaimUntil");
                    } else {
                        sent.set("relayClaimUntil", clock.instant().plus(CLAIM));
                    }
                    if (mongo.updateFirst(query(where("_id").is(articleId).and("relayClaimOwner").is(token)),
                            sent, COLLECTION).getMatchedCount() == 0) {
                        mongo.updateFirst(query(where("_id").is(articleId)),
                                new Update().pull("outbox", new Document("eventId", event.eventId())), COLLECTION);
                        return count;
                    }
                    released = last;
                }
            } finally {
                if (!released) {
                    release(articleId, token);
                }
            }
            if (failed) {
                return count;
            }
            // Events added while this sender held the claim were not sent by their writer: loop to send them.
        }
    }

    private boolean trySend(String articleId, PendingEvent event) {
        boolean ok;
        try {
            ok = publisher.sendJson(BINDING, articleId, event.eventId(), event.createdAt(), event.type(),
                    event.json().getBytes(StandardCharsets.UTF_8));
            if (!ok) {
                log.warn("Event {} of article {} refused by the binder; it stays in the outbox", event.eventId(),
                        articleId);
            }
        } catch (RuntimeException e) {
            log.warn("Event {} of article {} not sent yet ({}); it stays in the outbox", event.eventId(), articleId,
                    e.getMessage());
            ok = false;
        }
        if (ok) {
            sent.increment();
            if (failingSince != null) {
                log.info("Kafka accepts events again; the outbox drains");
                failingSince = null;
            }
        } else {
            failures.increment();
            if (failingSince == null) {
                failingSince = clock.instant();
            }
        }
        return ok;
    }

    private Article claim(String articleId, String token) {
        Instant now = clock.instant();
        // _id at the top level of the query, not inside an $and: a store without a query planner (mongo-java-server)
        // only uses the _id index for a top-level _id, and would otherwise read every article on every publish.
        Query claimable = query(where("_id").is(articleId).and("outbox.0").exists(true)
                .orOperator(where("relayClaimUntil").is(null), where("relayClaimUntil").lt(now)));
        Document claimed = mongo.findAndModify(claimable,
                new Update().set("relayClaimOwner", token).set("relayClaimUntil", now.plus(CLAIM)),
                options().returnNew(true), Document.class, COLLECTION);
        return claimed == null ? null : mongo.getConverter().read(Article.class, claimed);
    }

    private void release(String articleId, String token) {
        mongo.updateFirst(query(where("_id").is(articleId).and("relayClaimOwner").is(token)),
                new Update().unset("relayClaimOwner").unset("relayClaimUntil"), COLLECTION);
    }

    /**
     * Sends what the immediate send left behind, oldest first. Only events older than a grace period, so it does not
     * compete with fresh immediate sends; a failure ends the round (the broker is likely down; the next round
     * retries).
     */
    @Scheduled(fixedDelayString = "${newsroom.outbox.sweep-interval:PT5S}")
    public void sweep() {
        Instant cutoff = clock.instant().minus(failingSince != null ? Duration.ZERO : sweepGrace);
        Query stale = query(where("outbox.0.createdAt").lt(cutoff))
                .with(Sort.by("outbox.0.createdAt")).limit(1000);
        stale.fields().include("_id");
        for (Document doc : mongo.find(stale, Document.class, COLLECTION)) {
            flush(doc.getString("_id"));
            if (failingSince != null) {
                return;
            }
        }
    }

    private double pendingArticles() {
        return mongo.count(query(where("outbox.0").exists(true)), COLLECTION);
    }
}
