package newsroom.stats.deadletter;

import static newsroom.stats.store.StatsDocs.PARKED_VIEWS;
import static newsroom.stats.store.StatsDocs.RELEASED_VIEWS;
import static newsroom.stats.store.StatsDocs.RETRY_TOPIC;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import newsroom.contracts.Topics;
import newsroom.stats.StatsProperties;
import newsroom.stats.articles.KnownArticles;
import newsroom.stats.counting.ViewGate;
import newsroom.stats.counting.ViewMetrics;
import newsroom.stats.intake.ViewHeaders;
import newsroom.stats.store.StatsDocs;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The policy for views of articles stats-service has not heard of.
 *
 * <p>A view can legitimately arrive before its article's lifecycle event: the beacon publishes at once, the article's
 * publication goes out through article-service's outbox, and stats-service consumes the two topics independently.
 * So a view of an unknown article is not dropped on sight: it is <em>parked</em> in MongoDB (keyed by view id, so a
 * redelivery parks it once) and the consumer moves on. A sweeper looks at parked views every
 * {@code newsroom.stats.parking-sweep-interval}: when the article has become known, the view is re-published unchanged
 * (plus {@code x-newsroom-released-view}) to stats-service's own {@link StatsDocs#RETRY_TOPIC} — never to
 * article-viewed, whose other readers would see it twice — and counted from there like any other, at most once,
 * because the first record claiming a view id wins; when {@code newsroom.stats.unknown-article-grace} (10 minutes)
 * has passed and the article is still unknown, it goes to the dead-letter topic with reason {@code unknown_article}.
 *
 * <p>A released or dead-lettered view keeps its coordinates on article-viewed (topic, partition, offset) in
 * {@link StatsDocs#PARKED_VIEWS} for as long as article-viewed may deliver the record again ({@link #KEPT}): the
 * counting loop skips those offsets ({@link #parkedOffsets}), so a redelivery after a crash or a replay of the topic
 * never counts the original beside its released copy.
 */
public class ParkedViews implements ViewGate {

    private static final Logger log = LoggerFactory.getLogger(ParkedViews.class);
    public static final String DLQ_TOPIC = "article-viewed.stats-service.dlq";
    /**
     * How long the coordinates of a released or dead-lettered view are kept: longer than article-viewed keeps its
     * records (7 days), since Kafka deletes whole segments after that.
     */
    static final Duration KEPT = Duration.ofDays(8);
    private static final String PARKED = "parked";
    /** The states of a view that left the collection's queue: its coordinates are all that is kept. */
    private static final List<String> DONE = List.of("released", "dead-lettered");

    private final MongoTemplate mongo;
    private final KnownArticles articles;
    private final DeadLetters kafka;
    private final ViewMetrics metrics;
    private final Clock clock;
    private final StatsProperties properties;

    public ParkedViews(MongoTemplate mongo, KnownArticles articles, DeadLetters kafka, ViewMetrics metrics,
            Clock clock, StatsProperties properties) {
        this.mongo = mongo;
        this.articles = articles;
        this.kafka = kafka;
        this.metrics = metrics;
        this.clock = clock;
        this.properties = properties;
        mongo.getCollection(PARKED_VIEWS).createIndex(Indexes.ascending("state"));
        mongo.getCollection(PARKED_VIEWS).createIndex(Indexes.ascending("topic", "partition"));
    }

    @Override
    public Set<String> known(Set<String> articleIds) {
        return articles.known(articleIds);
    }

    @Override
    public boolean knownInMemory(String articleId) {
        return articles.knownInMemory(articleId);
    }

    @Override
    public boolean claimRelease(String viewId, String topic, int partition, long offset) {
        Document claim = mongo.getCollection(RELEASED_VIEWS).findOneAndUpdate(Filters.eq("_id", viewId),
                new Document("$setOnInsert", new Document("topic", topic).append("partition", partition)
                        .append("offset", offset).append("at", Date.from(clock.instant()))),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return claim != null && topic.equals(claim.getString("topic"))
                && claim.get("partition") instanceof Number p && p.intValue() == partition
                && claim.get("offset") instanceof Number o && o.longValue() == offset;
    }

    @Override
    public CompletableFuture<Void> deadLetter(List<DeadLetter> deadLetters) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (DeadLetter letter : deadLetters) {
            var r = letter.record();
            sends.add(kafka.send(DLQ_TOPIC, r.key(), r.value(), r.headers(),
                    DeadLetters.reason(letter.reason(), r.topic(), r.partition(), r.offset())));
        }
        return DeadLetters.all(sends);
    }

    @Override
    public void park(List<Parked> parked) {
        if (parked.isEmpty()) {
            return;
        }
        Date now = Date.from(clock.instant());
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Parked p : parked) {
            var r = p.record();
            Document headers = new Document();
            r.headers().forEach((name, value) -> headers.put(name, new Binary(value instanceof byte[] b ? b
                    : String.valueOf(value).getBytes(StandardCharsets.UTF_8))));
            writes.add(new UpdateOneModel<>(Filters.eq("_id", p.view().viewId()), new Document("$setOnInsert",
                    new Document("articleId", p.view().articleId())
                            .append("topic", r.topic()).append("partition", r.partition()).append("offset", r.offset())
                            .append("key", r.key() == null ? null : new Binary(r.key()))
                            .append("value", new Binary(r.value()))
                            .append("headers", headers)
                            .append("state", PARKED)
                            .append("parkedAt", now)), new UpdateOptions().upsert(true)));
        }
        mongo.getCollection(PARKED_VIEWS).bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    @Override
    public Collection<Long> parkedOffsets(String topic, int partition) {
        List<Long> offsets = new ArrayList<>();
        for (Document doc : mongo.getCollection(PARKED_VIEWS)
                .find(Filters.and(Filters.eq("topic", topic), Filters.eq("partition", partition)))
                .projection(Projections.include("offset"))) {
            if (doc.get("offset") instanceof Number offset) {
                offsets.add(offset.longValue());
            }
        }
        return offsets;
    }

    /** Releases parked views whose article is now known; dead-letters those parked longer than the grace time. */
    @Scheduled(fixedDelayString = "${newsroom.stats.parking-sweep-interval:PT5S}",
            initialDelayString = "${newsroom.stats.parking-sweep-interval:PT5S}")
    public void sweep() {
        try {
            sweepOnce();
        } catch (RuntimeException e) {
            log.warn("Sweeping parked views failed; next sweep retries: {}", e.toString());
        }
    }

    /** One sweep; returns how many parked views it released or dead-lettered. */
    private int sweepOnce() {
        forgetOld();
        // Documents parked before views kept their coordinates had no state: they are parked too.
        List<Document> parked = mongo.getCollection(PARKED_VIEWS).find(Filters.nin("state", DONE)).limit(1000)
                .into(new ArrayList<>());
        if (parked.isEmpty()) {
            return 0;
        }
        Set<String> ids = new HashSet<>();
        parked.forEach(d -> ids.add(d.getString("articleId")));
        Set<String> known = articles.known(ids);
        Instant expired = clock.instant().minus(properties.unknownArticleGrace());
        Map<Document, CompletableFuture<?>> done = new LinkedHashMap<>();
        List<Object> released = new ArrayList<>();
        List<Object> deadLettered = new ArrayList<>();
        for (Document doc : parked) {
            Map<String, Object> headers = new LinkedHashMap<>();
            if (doc.get("headers") instanceof Document h) {
                h.forEach((name, value) -> headers.put(name, value instanceof Binary b ? b.getData() : value));
            }
            byte[] key = doc.get("key") instanceof Binary b ? b.getData() : null;
            byte[] value = ((Binary) doc.get("value")).getData();
            if (known.contains(doc.getString("articleId"))) {
                headers.remove(DeadLetters.REASON_HEADER);
                done.put(doc, kafka.send(RETRY_TOPIC, key, value, headers,
                        Map.of(ViewHeaders.RELEASED, doc.getString("_id"))));
                released.add(doc.get("_id"));
            } else if (doc.getDate("parkedAt").toInstant().isBefore(expired)) {
                done.put(doc, kafka.send(DLQ_TOPIC, key, value, headers, DeadLetters.reason(
                        "unknown_article: article " + doc.getString("articleId") + " was not announced on "
                                + Topics.ARTICLE_LIFECYCLE + " within " + properties.unknownArticleGrace(),
                        doc.getString("topic"), doc.getInteger("partition", -1), doc.getLong("offset"))));
                deadLettered.add(doc.get("_id"));
            }
        }
        DeadLetters.all(new ArrayList<>(done.values())).join();
        // The record leaves; its coordinates stay (see the class comment). Sent twice if this fails: the claim on
        // the view id counts the first copy only.
        settle(released, DONE.get(0));
        settle(deadLettered, DONE.get(1));
        if (!deadLettered.isEmpty()) {
            metrics.unknownArticle(deadLettered.size());
        }
        return done.size();
    }

    private void settle(List<Object> ids, String state) {
        if (!ids.isEmpty()) {
            mongo.getCollection(PARKED_VIEWS).updateMany(Filters.in("_id", ids), new Document("$set",
                    new Document("state", state).append("doneAt", Date.from(clock.instant())))
                    .append("$unset", new Document("key", "").append("value", "").append("headers", "")));
        }
    }

    /** Forgets the coordinates of views released or dead-lettered longer ago than article-viewed keeps records. */
    private void forgetOld() {
        mongo.getCollection(PARKED_VIEWS).deleteMany(Filters.and(Filters.in("state", DONE),
                Filters.lt("doneAt", Date.from(clock.instant().minus(KEPT)))));
    }
}
