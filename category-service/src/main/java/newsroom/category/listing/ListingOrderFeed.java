package newsroom.category.listing;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import newsroom.category.listing.ListingOrder.Key;
import newsroom.category.tree.CategoryReads;
import newsroom.contracts.ArticleCard;
import newsroom.contracts.ArticlePublished;
import newsroom.contracts.ArticleUnpublished;
import newsroom.contracts.ArticleUpdated;
import newsroom.platform.events.CloudEventReader;
import newsroom.platform.events.RawRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.messaging.Message;

/**
 * Keeps this replica's {@link ListingOrder}. The {@code listingOrder-in-0} binding reads {@code article-lifecycle}
 * without a group (every replica has an anonymous one of its own and reads every event), because the listing
 * projection's group spreads the events over the replicas. This replica's own projection applies what it writes to the
 * order at once ({@link ListingProjection}); the feed, which reads in polls of up to 100 ms of events, brings the rest
 * (the partitions other replicas project, and records it reads before the projection has) and skips, unparsed, the
 * records the projection has handled already ({@link ProjectedRecords}).
 *
 * <p>What happened before it subscribed comes from the stored listings, without a gap: when its partitions are
 * assigned it starts each at the offset the projection's group has committed there — everything before that offset is
 * already stored (the projection commits, once a second, what it has written) — and only then reads the store. Events
 * both stored and read again are applied once, by revision. Until the store has been read, listings are answered by the
 * store.
 */
@Configuration(proxyBeanMethods = false)
class ListingOrderFeed implements AutoCloseable {

    static final String BINDING = "listingOrder-in-0";
    private static final Logger log = LoggerFactory.getLogger(ListingOrderFeed.class);

    private final ListingOrder order = new ListingOrder();
    private final MongoTemplate mongo;
    private final MovedCategories moved;
    private final String brokers;
    private final String projectionGroup;
    /** The store is read off the consumer's thread (100,000 listings take seconds on the embedded store). */
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "listing-order-load");
        thread.setDaemon(true);
        return thread;
    });

    ListingOrderFeed(MongoTemplate mongo, MovedCategories moved,
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            @Value("${spring.cloud.stream.bindings.articleLifecycle-in-0.group}") String projectionGroup) {
        this.mongo = mongo;
        this.moved = moved;
        this.brokers = brokers;
        this.projectionGroup = projectionGroup;
    }

    /** Not named after the binding's function ({@code listingOrder}), which is a bean of its own. */
    @Bean
    ListingOrder inMemoryListingOrder() {
        return order;
    }

    /** Each poll's records as Kafka returned them ({@link RawRecords}): no retries here, nothing is written. */
    @Bean
    Consumer<Message<?>> listingOrder(CloudEventReader reader, CategoryReads reads, ProjectedRecords projected) {
        return message -> {
            boolean changed = false;
            for (ConsumerRecord<?, ?> record : RawRecords.of(message)) {
                if (!projected.isHandled(record)) {
                    changed |= apply(read(reader, record));
                }
            }
            if (changed) {
                reads.listingsChanged();
            }
        };
    }

    private boolean apply(Optional<Object> read) {
        Object event = read.orElse(null);
        if (event instanceof ArticlePublished e) {
            listed(e.articleId(), e.revision(), e.article(), e.occurredAt());
        } else if (event instanceof ArticleUpdated e) {
            listed(e.articleId(), e.revision(), e.article(), e.occurredAt());
        } else if (event instanceof ArticleUnpublished e) {
            order.unlisted(e.articleId(), e.revision());
        } else {
            return false;
        }
        return true;
    }

    /** An unreadable record is skipped here: the projection's binding parks it on its dead-letter topic. */
    private static Optional<Object> read(CloudEventReader reader, ConsumerRecord<?, ?> record) {
        try {
            return reader.read(record);
        } catch (RuntimeException e) {
            log.debug("Skipping an unreadable article-lifecycle record: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private void listed(String articleId, long revision, ArticleCard card, Instant occurredAt) {
        if (articleId == null || card == null) {
            return; // the projection parks such a record on its DLQ; nothing to list
        }
        // Filed where the projection files it: a deleted category's articles under the category they went to (from
        // the tombstones MovedCategories reads once per tree snapshot, not a store read per event).
        String movedTo = moved.now().apply(card.categoryId());
        String categoryId = movedTo != null ? movedTo : card.categoryId();
        order.listed(articleId, revision, categoryId, new Key(card.pinned(), card.sortRank(),
                ListingProjection.listedAt(card, occurredAt), articleId));
    }

    @Bean
    KafkaBindingRebalanceListener listingOrderStartsWhereTheStoreEnds() {
        return new KafkaBindingRebalanceListener() {
            @Override
            public void onPartitionsAssigned(String bindingName,
                    org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
                    boolean initial) {
                if (!BINDING.equals(bindingName) || !initial) {
                    return;
                }
                Map<TopicPartition, OffsetAndMetadata> stored = projectionOffsets();
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata offset = stored.get(partition);
                    if (offset != null) {
                        consumer.seek(partition, offset.offset());
                    } else {
                        consumer.seekToBeginning(List.of(partition));
                    }
                    consumer.position(partition); // fixed before the store is read
                }
                loader.execute(ListingOrderFeed.this::load);
            }
        };
    }

    private Map<TopicPartition, OffsetAndMetadata> projectionOffsets() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            return admin.listConsumerGroupOffsets(projectionGroup).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).entrySet().stream()
                    .filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the listing projection's offsets", e);
        }
    }

    /** Reads every stored listing into the order (revision-guarded, so events applied meanwhile stand). */
    private void load() {
        long started = System.nanoTime();
        Query all = new Query();
        all.fields().include("_id", "revision", "listed", "categoryId", "pinned", "sortRank", "publishedAt");
        int count = 0;
        try (Stream<Document> listings = mongo.stream(all, Document.class, mongo.getCollectionName(ListedArticle.class))) {
            for (Document doc : (Iterable<Document>) listings::iterator) {
                String id = doc.getString("_id");
                long revision = ((Number) doc.get("revision")).longValue();
                if (Boolean.TRUE.equals(doc.getBoolean("listed"))) {
                    Date publishedAt = doc.getDate("publishedAt");
                    order.listed(id, revision, doc.getString("categoryId"), new Key(Boolean.TRUE.equals(
                            doc.getBoolean("pinned")), doc.getInteger("sortRank", 0),
                            publishedAt == null ? null : publishedAt.toInstant(), id));
                } else {
                    order.unlisted(id, revision);
                }
                count++;
            }
        } catch (RuntimeException e) {
            log.error("Reading the stored listings into memory failed; listings are answered by the store", e);
            return;
        }
        order.markLoaded();
        log.info("Listing order: {} stored listings read in {} ms", count,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    @Override
    public void close() {
        loader.shutdownNow();
    }
}
