package newsroom.article.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.model.InsertManyOptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import newsroom.platform.events.CloudEventPublisher;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The outbox for many new articles at once (an import): each article document is inserted with its events already
 * in its outbox <em>and</em> claimed by this sender ({@code relayClaimOwner}/{@code relayClaimUntil}, as
 * {@link OutboxRelay} claims), all of a batch in one {@code insertMany}; the events are then sent side by side and
 * removed once acknowledged, with one bulk write. The guarantees are the relay's: an event leaves the outbox only
 * after the broker acknowledged it, and what this sender could not send — a failed send, or the process died —
 * stays there for the relay's sweep once the claim expires (the relay is told which articles those are).
 *
 * <p>Every read and write here names one document by {@code _id} alone: a store without secondary indexes (the local
 * run's) answers those from its primary index, where the relay's conditional claims would scan the collection once
 * per article. The removal is therefore not conditional on still holding the claim: should a batch outlive its
 * claim (60 s) and the sweep re-send an event meanwhile, consumers discard the duplicate by its revision, and an
 * imported article has just this one event, so no order can be broken.
 */
@Component
public class BulkOutbox {

    private static final Logger log = LoggerFactory.getLogger(BulkOutbox.class);
    /**
     * Sends in flight at once: the producer batches concurrent sends, each of which waits for its acknowledgement, so
     * the more there are, the fewer produce requests a batch takes (the broker's cost is per request, and every
     * request wakes each consumer's fetch): 64 is about a fifth of an import batch.
     */
    private static final int SENDERS = 64;

    private final MongoTemplate mongo;
    private final OutboxRelay relay;
    private final CloudEventPublisher publisher;
    private final Clock clock;
    private final Counter sent;
    private final Counter failures;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/bulk/" + UUID.randomUUID();
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS, runnable -> {
        Thread thread = new Thread(runnable, "bulk-outbox");
        thread.setDaemon(true);
        return thread;
    });

    BulkOutbox(MongoTemplate mongo, CloudEventPublisher publisher, Clock clock, MeterRegistry meters,
            OutboxRelay relay) {
        this.relay = relay;
        this.mongo = mongo;
        this.publisher = publisher;
        this.clock = clock;
        this.sent = Counter.builder("newsroom.outbox.sent").description("Events acknowledged by Kafka")
                .register(meters);
        this.failures = Counter.builder("newsroom.outbox.send.failures")
                .description("Sends that failed; the event stayed in the outbox").register(meters);
    }

    /** What became of a batch: how many events were sent, and the articles whose events wait for the sweep. */
    public record Sent(int events, Set<String> leftForSweep) {
    }

    /**
     * Inserts new articles (none may exist yet) with their outboxes claimed, runs {@code stored}, then sends their
     * events: what {@code stored} tells this replica (its search index keeps the articles as written) is known here
     * before the events come back from Kafka.
     *
     * @throws org.springframework.dao.DuplicateKeyException if one exists already; the others are inserted
     */
    public Sent insertAndSend(List<? extends OutboxCarrier> articles, Runnable stored) {
        if (articles.isEmpty()) {
            return new Sent(0, Set.of());
        }
        String token = owner + "/" + UUID.randomUUID();
        Date claimUntil = Date.from(clock.instant().plus(OutboxRelay.CLAIM));
        List<Document> docs = new ArrayList<>(articles.size());
        for (OutboxCarrier article : articles) {
            Document doc = new Document();
            mongo.getConverter().write(article, doc);
            doc.put("version", 0L);
            if (!article.getOutbox().isEmpty()) {
                doc.put("relayClaimOwner", token);
                doc.put("relayClaimUntil", claimUntil);
            }
            docs.add(doc);
        }
        try {
            mongo.getCollection(OutboxRelay.COLLECTION).insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (RuntimeException e) {
            RuntimeException translated = mongo.getExceptionTranslator().translateExceptionIfPossible(e);
            throw translated != null ? translated : e;
        }
        stored.run();
        return send(articles);
    }

    private Sent send(List<? extends OutboxCarrier> articles) {
        AtomicInteger events = new AtomicInteger();
        List<CompletableFuture<Boolean>> results = new ArrayList<>(articles.size());
        for (OutboxCarrier article : articles) {
            results.add(CompletableFuture.supplyAsync(() -> sendAll(article, events), senders));
        }
        var done = mongo.bulkOps(BulkMode.UNORDERED, OutboxRelay.COLLECTION);
        Set<String> left = new HashSet<>();
        int writes = 0;
        for (int i = 0; i < articles.size(); i++) {
            OutboxCarrier article = articles.get(i);
            if (article.getOutbox().isEmpty()) {
                continue;
            }
            Update update = new Update().unset("relayClaimOwner").unset("relayClaimUntil");
            if (results.get(i).join()) {
                List<String> ids = article.getOutbox().stream().map(PendingEvent::eventId).toList();
                update.pull("outbox", new Document("eventId", new Document("$in", ids)));
            } else {
                left.add(article.getId());
                relay.remember(article.getId(), clock.instant());
            }
            done.updateOne(query(where("_id").is(article.getId())), update);
            writes++;
        }
        if (writes > 0) {
            done.execute();
        }
        return new Sent(events.get(), left);
    }

    /** Sends one article's events in order; false at the first that fails (it and the rest stay). */
    private boolean sendAll(OutboxCarrier article, AtomicInteger events) {
        for (PendingEvent event : article.getOutbox()) {
            boolean ok;
            try {
                ok = publisher.sendJson(OutboxRelay.BINDING, article.getId(), event.eventId(), event.createdAt(),
                        event.type(), event.json().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                log.warn("Event {} of imported article {} not sent yet ({}); the sweep will", event.eventId(),
                        article.getId(), e.getMessage());
                ok = false;
            }
            if (!ok) {
                failures.increment();
                return false;
            }
            sent.increment();
            events.incrementAndGet();
        }
        return true;
    }

    @PreDestroy
    void stop() {
        senders.shutdown();
    }
}
