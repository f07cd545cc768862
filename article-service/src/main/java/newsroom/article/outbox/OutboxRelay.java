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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>A new document can be inserted already claimed ({@link #claimNew}, {@link #sendClaimed}): its writer knows its
 * events and that no one else can hold them yet, so the send starts without the claim's round trip — one store write
 * fewer per article published in one call. Should that sender die, its claim expires like any other.
 *
 * <p>A crash between the acknowledged send and the removal re-sends the event later: delivery is at-least-once, and
 * consumers discard what they already applied by the event's {@code revision}.
 *
 * <p>The sweep does not read every article each time: a store without secondary indexes (the local run's) answers
 * "which outboxes are not empty" by scanning the whole collection, seconds of CPU at 100,000 articles. Every 5 s it
 * retries the articles this replica knows to be pending — those it wrote events for ({@link #sendSoon}) until a send
 * found their outbox empty, and those found by a full look. It looks at the whole store at its first sweep (what a
 * crashed predecessor left: the outbox in the document is the truth, this list only a shortcut) and every
 * {@code newsroom.outbox.full-sweep-interval} (5 minutes) after, for what other replicas wrote and could not send
 * before they died.
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
    /** Ids answered by one look at every article: far more than are ever pending, small enough for one reply. */
    private static final int FULL_SWEEP_LIMIT = 50_000;

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
    private final Duration fullSweepInterval;
    /** When the sweep next looks at every article; the first sweep does. */
    private volatile Instant nextFullSweep = Instant.MIN;
    /** Articles whose events may not all be sent yet, as this replica knows them (see the class comment). */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong generations = new AtomicLong();

    /**
     * One article's entry in {@link #pending}. Its generation changes whenever events are added, so a sender that
     * found the outbox empty removes the entry only if no events were added after it looked.
     */
    private record Pending(long generation, Instant since) {
    }

    public OutboxRelay(MongoTemplate mongo, CloudEventPublisher publisher, Clock clock, MeterRegistry meters,
            @Qualifier("applicationTaskExecutor") TaskExecutor background,
            @Value("${newsroom.outbox.sweep-grace:PT5S}") Duration sweepGrace,
            @Value("${newsroom.outbox.full-sweep-interval:PT5M}") Duration fullSweepInterval) {
        this.background = background;
        this.fullSweepInterval = fullSweepInterval;
        this.mongo = mongo;
        this.publisher = publisher;
        this.clock = clock;
        this.sweepGrace = sweepGrace;
        this.sent = Counter.builder("newsroom.outbox.sent").description("Events acknowledged by Kafka")
                .register(meters);
        this.failures = Counter.builder("newsroom.outbox.send.failures")
                .description("Sends that failed; the event stayed in the outbox").register(meters);
        meters.gauge("newsroom.outbox.pending", pending, Map::size);
    }

    /** Sends the article's pending events soon, without holding up the caller; the sweep retries until they are. */
    public void sendSoon(String articleId) {
        remember(articleId, clock.instant());
        if (failingSince != null) {
            return; // the sweep will; trying now would only wait for the producer's timeout
        }
        background.execute(() -> {
            if (failingSince == null) {
                flush(articleId);
            }
        });
    }

    /**
     * A claim for a document about to be inserted with events in its outbox ({@link Claim#writeInto}), so that
     * {@link #sendClaimed} can send them without claiming first; null while sends fail (the sweep sends then, and a
     * claim would only hold it off until it expired).
     */
    public Claim claimNew() {
        if (failingSince != null) {
            return null;
        }
        return new Claim(owner + "/" + UUID.randomUUID(), clock.instant().plus(CLAIM));
    }

    /**
     * Sends the events of a document inserted with {@code claim} soon, without holding up the caller, as
     * {@link #sendSoon} does, minus the claim's round trip.
     */
    public void sendClaimed(OutboxCarrier inserted, Claim claim) {
        String articleId = inserted.getId();
        List<PendingEvent> events = List.copyOf(inserted.getOutbox());
        remember(articleId, clock.instant());
        if (events.isEmpty()) {
            background.execute(() -> release(articleId, claim.token())); // nothing to send: let the claim go
            return;
        }
        background.execute(() -> flush(articleId, claim.token(), events));
    }

    /**
     * This sender's claim on a new document's events (see {@link #claimNew}).
     *
     * @param token the claim's owner token, unique to this claim
     * @param until when the claim expires (then the sweep takes over)
     */
    public record Claim(String token, Instant until) {

        /** Writes the claim into the document to insert. */
        public void writeInto(Document document) {
            document.put("relayClaimOwner", token);
            document.put("relayClaimUntil", Date.from(until));
        }
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
        return flush(articleId, null, null);
    }

    /** As {@link #flush(String)}; with a claim already held ({@link #sendClaimed}) its events are sent first. */
    private int flush(String articleId, String heldToken, List<PendingEvent> heldEvents) {
        Pending known = pending.get(articleId);
        int count = 0;
        while (true) {
            String token;
            List<PendingEvent> events;
            if (heldToken != null) {
                token = heldToken;
                events = heldEvents;
                heldToken = null;
            } else {
                // A token per claim, not per process: the immediate sender and the sweep of one JVM exclude each other.
                token = owner + "/" + UUID.randomUUID();
                events = claim(articleId, token);
            }
            if (events == null) {
                return count; // another sender holds it: still pending as far as this replica knows
            }
            if (events.isEmpty()) {
                sent(articleId, known);
                return count;
            }
            boolean failed = false;
            boolean released = false;
            boolean more = false;
            try {
                for (int i = 0; i < events.size(); i++) {
                    PendingEvent event = events.get(i);
                    if (!trySend(articleId, event)) {
                        failed = true;
                        break;
                    }
                    count++;
                    // Remove the sent event and extend the claim in one write — or, after the last event claimed,
                    // release the claim in that same write, which also answers whether events were added meanwhile
                    // (one round trip per event in all). A claim lost meanwhile (it expired during a long outage)
                    // ends this round after the removal, leaving the rest to its new holder.
                    boolean last = i == events.size() - 1;
                    Update sent = new Update().pull("outbox", new Document("eventId", event.eventId()));
                    Query mine = query(where("_id").is(articleId).and("relayClaimOwner").is(token));
                    boolean held;
                    if (last) {
                        sent.unset("relayClaimOwner").unset("relayClaimUntil");
                        mine.fields().include("outbox");
                        Document after = mongo.findAndModify(mine, sent, options().returnNew(true), Document.class,
                                COLLECTION);
                        held = after != null;
                        more = held && !after.getList("outbox", Document.class, List.of()).isEmpty();
                    } else {
                        sent.set("relayClaimUntil", clock.instant().plus(CLAIM));
                        held = mongo.updateFirst(mine, sent, COLLECTION).getMatchedCount() > 0;
                    }
                    if (!held) {
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
            if (!more) {
                sent(articleId, known);
                return count;
            }
            // Events were added while this sender held the claim; their writers could not claim it: send them too.
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

    /** Remembers that the article has events to send (from {@code since}), for the sweep. */
    void remember(String articleId, Instant since) {
        pending.put(articleId, new Pending(generations.incrementAndGet(), since));
    }

    /** Forgets the article once its outbox was found empty, unless events were added since {@code known}. */
    private void sent(String articleId, Pending known) {
        if (known != null) {
            pending.remove(articleId, known);
        }
    }

    /**
     * The article's pending events, claimed for this sender; empty if it has none (or does not exist), null if
     * another sender holds them.
     *
     * <p>Every query here is {@code _id} plus one equality on {@code relayClaimOwner}: MongoDB and the local run's
     * store answer it from {@code _id}. An unclaimed article is claimed in one write; an expired claim is first read,
     * then taken over on its owner's token (compare-and-set), so two senders cannot both take it.
     */
    private List<PendingEvent> claim(String articleId, String token) {
        Instant now = clock.instant();
        Update claimIt = new Update().set("relayClaimOwner", token).set("relayClaimUntil", now.plus(CLAIM));
        Document claimed = claimHeldBy(articleId, null, claimIt);
        if (claimed == null) {
            Query holderOf = query(where("_id").is(articleId));
            holderOf.fields().include("relayClaimOwner").include("relayClaimUntil");
            Document holder = mongo.findOne(holderOf, Document.class, COLLECTION);
            if (holder == null) {
                return List.of();
            }
            Object owner = holder.get("relayClaimOwner");
            Date until = holder.getDate("relayClaimUntil");
            if (owner != null && until != null && !until.toInstant().isBefore(now)) {
                return null; // another sender is at work on it; it loops for events added meanwhile
            }
            // Expired (its holder died or stalled) or released just now: take it over from exactly that state.
            claimed = claimHeldBy(articleId, owner, claimIt);
            if (claimed == null) {
                return null;
            }
        }
        List<PendingEvent> events = new ArrayList<>();
        for (Document event : claimed.getList("outbox", Document.class, List.of())) {
            events.add(mongo.getConverter().read(PendingEvent.class, event));
        }
        if (events.isEmpty()) {
            release(articleId, token);
        }
        return events;
    }

    /** Claims the article if its claim owner is {@code owner} (null: unclaimed); answers its outbox, or null. */
    private Document claimHeldBy(String articleId, Object owner, Update claimIt) {
        Query held = query(where("_id").is(articleId).and("relayClaimOwner").is(owner));
        held.fields().include("outbox");
        return mongo.findAndModify(held, claimIt, options().returnNew(true), Document.class, COLLECTION);
    }

    private void release(String articleId, String token) {
        mongo.updateFirst(query(where("_id").is(articleId).and("relayClaimOwner").is(token)),
                new Update().unset("relayClaimOwner").unset("relayClaimUntil"), COLLECTION);
    }

    /**
     * Sends what the immediate send left behind, oldest first: the articles this replica knows to be pending and, at
     * the first sweep and every full-sweep interval, every article with events (see the class comment). Only events
     * older than a grace period, so it does not compete with fresh immediate sends; a failure ends the round (the
     * broker is likely down; the next round retries).
     */
    @Scheduled(fixedDelayString = "${newsroom.outbox.sweep-interval:PT5S}")
    public void sweep() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(failingSince != null ? Duration.ZERO : sweepGrace);
        if (!now.isBefore(nextFullSweep)) {
            nextFullSweep = now.plus(fullSweepInterval);
            List<Document> found = pendingInStore(cutoff);
            for (Document article : found) {
                // Retried by the next sweeps too, should this send fail; one another sender has claimed is left to it
                // until its claim expires (it may have died holding it).
                Date claimedUntil = article.getDate("relayClaimUntil");
                Instant due = claimedUntil != null && claimedUntil.toInstant().isAfter(cutoff)
                        ? claimedUntil.toInstant() : cutoff;
                remember(article.getString("_id"), due);
            }
            if (found.size() == FULL_SWEEP_LIMIT) {
                nextFullSweep = now; // more than one look's worth: look again next round
            }
        }
        List<String> due = pending.entrySet().stream()
                .filter(e -> !e.getValue().since().isAfter(cutoff))
                .sorted(Comparator.comparing(e -> e.getValue().since()))
                .limit(1000).map(Map.Entry::getKey).toList();
        for (String articleId : due) {
            flush(articleId);
            if (failingSince != null) {
                return;
            }
        }
    }

    /**
     * Articles with events older than {@code cutoff} (their ids and claims), by a look at every article: a store
     * without secondary indexes scans the collection for it.
     */
    private List<Document> pendingInStore(Instant cutoff) {
        Query stale = query(where("outbox.0.createdAt").lt(cutoff)).with(Sort.by("outbox.0.createdAt"))
                .limit(FULL_SWEEP_LIMIT);
        stale.fields().include("_id").include("relayClaimUntil");
        return mongo.find(stale, Document.class, COLLECTION);
    }
}
