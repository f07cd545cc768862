package newsroom.article.desk;

import java.time.Duration;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import newsroom.article.editorial.Article;
import newsroom.article.editorial.ArticleSaved;
import newsroom.article.editorial.ArticlesInserted;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fills the {@link DeskIndex} and keeps it current: the whole store once at start (before the web server takes
 * requests; only the listed fields, no bodies), then this replica's own saves and imports at once. Drafts and
 * articles in review never reach {@code article-lifecycle}, so other replicas' saves are picked up by a poll of what
 * was saved since the last look ({@code updatedAt}, indexed on MongoDB), every {@code newsroom.desk.resync-interval}
 * (30 s; {@code newsroom.desk.resync=false} turns it off, as the single-replica local run does, whose store would
 * scan the collection for it).
 */
@Component
class DeskIndexUpdates implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DeskIndexUpdates.class);
    /** Saves of other replicas can be stamped a little before this replica looks (clocks, slow writes). */
    private static final Duration OVERLAP = Duration.ofSeconds(10);

    private final DeskIndex index;
    private final MongoTemplate mongo;
    private final boolean resync;
    private final AtomicLong lastSeen = new AtomicLong();

    DeskIndexUpdates(DeskIndex index, MongoTemplate mongo,
            @Value("${newsroom.desk.resync:true}") boolean resync) {
        this.index = index;
        this.mongo = mongo;
        this.resync = resync;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long start = System.nanoTime();
        load(new Document());
        log.info("Desk index: {} articles loaded from the store in {} ms", index.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    @EventListener
    void onSaved(ArticleSaved saved) {
        put(DeskEntry.of(saved.article(), 0));
    }

    @EventListener
    void onInserted(ArticlesInserted inserted) {
        for (Article article : inserted.articles()) {
            put(DeskEntry.of(article, 0));
        }
    }

    @Scheduled(initialDelayString = "${newsroom.desk.resync-interval:30s}",
            fixedDelayString = "${newsroom.desk.resync-interval:30s}")
    void resync() {
        if (resync) {
            load(new Document("updatedAt", new Document("$gte", new Date(lastSeen.get() - OVERLAP.toMillis()))));
        }
    }

    private void load(Document filter) {
        Document fields = new Document();
        DeskEntry.FIELDS.forEach(f -> fields.append(f, 1));
        for (Document doc : mongo.getCollection("articles").find(filter).projection(fields).batchSize(2000)) {
            put(DeskEntry.of(doc, 0));
        }
    }

    private void put(DeskEntry entry) {
        index.put(entry);
        lastSeen.accumulateAndGet(entry.updatedAt(), Math::max);
    }
}
