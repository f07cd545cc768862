package newsroom.article.scheduling;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsroom.article.editorial.ArticleEditor;
import newsroom.article.editorial.ArticleStatus;
import newsroom.article.editorial.Caller;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes scheduled articles when they are due — on one replica at a time, the holder of the
 * {@code scheduled-publisher} {@link MongoLease}. The schedule is the {@code publishAt} stored in each article, not a
 * timer in a JVM: every poll publishes everything due by now, so what became due while every replica was down is
 * published by the first one that starts. Each publication is a version-checked save, so even two replicas that
 * both believe they hold the lease (a long pause past its expiry) publish an article once. Lateness is recorded as
 * the {@code newsroom.schedule.lateness} timer and in the event ({@code latenessMillis}, {@code scheduledFor}).
 *
 * <p>Each poll publishes what this replica scheduled itself from memory ({@link DueArticles}) and looks in the store
 * for the rest (what other replicas scheduled) when it has just taken the lease and then every
 * {@code newsroom.schedule.store-look-interval}: by default every poll, an indexed query on MongoDB; the single-replica
 * local run looks every 5 minutes, because its embedded store answers that query by reading every article (at
 * 100,000 articles, a core busy for seconds every poll).
 */
@Component
public class ScheduledPublisher {

    private static final Logger log = LoggerFactory.getLogger(ScheduledPublisher.class);
    static final String LEASE = "scheduled-publisher";
    private static final int BATCH = 100;

    private final MongoTemplate mongo;
    private final ArticleEditor editor;
    private final Clock clock;
    private final MongoLease lease;
    private final DueArticles known;
    private final Duration storeLookInterval;
    private final boolean enabled;
    private final Caller scheduler = Caller.system("scheduler");
    /** When the store was last looked at while holding the lease; null when the lease was not held at the last poll. */
    private Instant lastStoreLook;

    ScheduledPublisher(MongoTemplate mongo, ArticleEditor editor, Clock clock, DueArticles known,
            @Value("${newsroom.schedule.lease-duration:PT30S}") Duration leaseDuration,
            @Value("${newsroom.schedule.store-look-interval:PT0S}") Duration storeLookInterval,
            @Value("${newsroom.schedule.enabled:true}") boolean enabled) {
        this.mongo = mongo;
        this.editor = editor;
        this.clock = clock;
        this.known = known;
        this.storeLookInterval = storeLookInterval;
        this.enabled = enabled;
        this.lease = new MongoLease(mongo, clock, LEASE,
                ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID(), leaseDuration);
    }

    @Scheduled(fixedDelayString = "${newsroom.schedule.poll-interval:PT5S}",
            initialDelayString = "${newsroom.schedule.initial-delay:PT0S}")
    public void poll() {
        if (!enabled) {
            return;
        }
        try {
            if (!lease.tryAcquire()) {
                lastStoreLook = null;
                return;
            }
            Instant now = clock.instant();
            if (lastStoreLook == null || !now.isBefore(lastStoreLook.plus(storeLookInterval))) {
                publishDueInStore();
                lastStoreLook = now;
            }
            publishKnownDue(now);
        } catch (RuntimeException e) {
            log.warn("Scheduled publication round failed; retrying next round", e);
        }
    }

    /** Publishes what this replica scheduled and is due by {@code now}, earliest first. */
    private void publishKnownDue(Instant now) {
        for (Map.Entry<String, Instant> due : known.dueBy(now)) {
            // Not published (no longer scheduled, or changed meanwhile): its latest save is what counts.
            editor.publishIfDue(due.getKey(), scheduler)
                    .ifPresent(a -> log.info("Published scheduled article {}", a.getId()));
            known.done(due.getKey(), due.getValue());
        }
    }

    /** Publishes every article the store holds as due by now, oldest due first. */
    private void publishDueInStore() {
        int published = 0;
        while (true) {
            Query due = query(where("status").is(ArticleStatus.SCHEDULED).and("publishAt").lte(clock.instant()))
                    .with(Sort.by("publishAt")).limit(BATCH);
            due.fields().include("_id");
            List<Document> batch = mongo.find(due, Document.class, "articles");
            int before = published;
            for (Document doc : batch) {
                if (editor.publishIfDue(doc.getString("_id"), scheduler).isPresent()) {
                    published++;
                    log.info("Published scheduled article {}", doc.getString("_id"));
                }
            }
            if (batch.size() < BATCH || published == before || !lease.tryAcquire()) {
                return;
            }
        }
    }

    @PreDestroy
    void stepDown() {
        try {
            lease.release();
        } catch (RuntimeException e) {
            log.debug("Could not release the scheduler lease; it expires by itself", e);
        }
    }
}
