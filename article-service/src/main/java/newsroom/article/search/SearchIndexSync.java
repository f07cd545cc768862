package newsroom.article.search;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import newsroom.article.editorial.Article;
import newsroom.article.editorial.ArticleRepository;
import newsroom.article.editorial.ArticleSaved;
import newsroom.article.editorial.ArticlesInserted;
import newsroom.article.editorial.ArticleStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Brings the index to what the store says. The store is the truth: an event only says which article changed, and
 * the article's current state is read by id, so an event that arrives late or twice indexes the newest state (the
 * index's revision guard drops anything older). Published articles are indexed; drafts, scheduled, unpublished and
 * missing ones are removed — which is why readers never find them.
 *
 * <p>One shortcut: an event for a save this replica made itself (the editor's request just wrote it, or an import
 * batch inserted it) takes the saved document this replica kept from that write ({@link ArticleSaved},
 * {@link ArticlesInserted}) instead of reading it back — the state the event names, at the revision it names. Any other
 * event (another replica's save, a revision this replica did not keep) reads the store as above.
 */
@Component
public class SearchIndexSync {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexSync.class);
    /** Articles fetched from the store at once during a catch-up. */
    private static final int BATCH = 200;
    /** A catch-up that indexed at least this many articles, and half the index or more, was a bulk load. */
    private static final int BULK_AT_LEAST = 1_000;

    private final SearchIndex index;
    private final ArticleRepository articles;
    private final MongoTemplate mongo;
    /**
     * This replica's latest saved document per article, until its event arrives (normally milliseconds later).
     * Bounded: a draft's save never gets an event and just ages out.
     */
    private final Cache<String, Article> ownSaves = Caffeine.newBuilder().maximumSize(2_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();
    private volatile CatchUp lastCatchUp;

    SearchIndexSync(SearchIndex index, ArticleRepository articles, MongoTemplate mongo) {
        this.index = index;
        this.articles = articles;
        this.mongo = mongo;
    }

    /** What the last catch-up did: how many articles it indexed and removed, and when it finished. */
    public record CatchUp(int indexed, int removed, Duration took, Instant finishedAt) {
    }

    @EventListener
    void onSaved(ArticleSaved saved) {
        ownSaves.put(saved.article().getId(), saved.article());
    }

    /** An import batch's new articles: their events follow, and each would otherwise read its article back. */
    @EventListener
    void onInserted(ArticlesInserted inserted) {
        for (Article article : inserted.articles()) {
            if (article.isPublished()) {
                ownSaves.put(article.getId(), article);
            }
        }
    }

    /** Applies the current state of one article (an event said it changed). */
    public void refresh(String articleId, long eventRevision) {
        Article saved = ownSaves.getIfPresent(articleId);
        if (saved != null && saved.getRevision() == eventRevision) {
            ownSaves.asMap().remove(articleId, saved);
            apply(saved);
            return;
        }
        articles.findById(articleId).ifPresentOrElse(this::apply, () -> index.remove(articleId, eventRevision));
    }

    /**
     * Compares every article's revision in the index with the store's and applies the difference: at start, this is
     * a full build when the index is new, and otherwise what changed while this replica was down or not yet
     * subscribed. Safe beside events: both sides are revision-guarded.
     */
    public synchronized CatchUp catchUp() {
        long start = System.nanoTime();
        Map<String, Long> indexed = index.revisions();
        Query published = query(where("status").is(ArticleStatus.PUBLISHED));
        published.fields().include("_id").include("revision");
        Map<String, Long> inStore = new HashMap<>();
        try (Stream<Article> stream = mongo.stream(published, Article.class)) {
            stream.forEach(a -> inStore.put(a.getId(), a.getRevision()));
        }
        Set<String> stale = new HashSet<>();
        inStore.forEach((id, revision) -> {
            Long known = indexed.get(id);
            if (known == null || known < revision) {
                stale.add(id);
            }
        });
        int reindexed = applyInParallel(List.copyOf(stale));
        int removed = 0;
        for (Map.Entry<String, Long> held : indexed.entrySet()) {
            // Revision as of the snapshot: a newer write since then (an event) wins over this removal.
            if (!inStore.containsKey(held.getKey()) && index.remove(held.getKey(), held.getValue())) {
                removed++;
            }
        }
        if (reindexed >= BULK_AT_LEAST && reindexed * 2L >= index.size()) {
            index.bulkLoaded();
        }
        CatchUp done = new CatchUp(reindexed, removed, Duration.ofNanos(System.nanoTime() - start), Instant.now());
        lastCatchUp = done;
        log.info("Search index caught up with the store: {} articles indexed, {} removed, in {} ms ({} searchable)",
                done.indexed(), done.removed(), done.took().toMillis(), index.size());
        return done;
    }

    /**
     * Fetches the stale articles by id in batches and applies them on every core: segmenting the text is what takes
     * the time, and Lucene's writer takes documents from several threads at once. Batches keep every reply small
     * (mongo-java-server answers a whole query in one message, which must stay under 48 MB).
     */
    private int applyInParallel(List<String> ids) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * 4), new ThreadPoolExecutor.CallerRunsPolicy());
        AtomicInteger applied = new AtomicInteger();
        try {
            for (int from = 0; from < ids.size(); from += BATCH) {
                List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
                workers.execute(() -> applyBatch(batch, applied));
            }
        } finally {
            workers.shutdown();
        }
        try {
            if (!workers.awaitTermination(1, TimeUnit.HOURS)) {
                throw new IllegalStateException("Search index catch-up did not finish within an hour");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        return applied.get();
    }

    private void applyBatch(List<String> ids, AtomicInteger applied) {
        try {
            for (Article article : articles.findAllById(ids)) {
                if (apply(article)) {
                    applied.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            // One batch's failure must not stop the rest; its articles' next events or the next catch-up retry them.
            log.warn("Could not index articles {}..{}: {}", ids.get(0), ids.get(ids.size() - 1), e.toString());
        }
    }

    /** The last catch-up, or null while the first one has not finished. */
    public CatchUp lastCatchUp() {
        return lastCatchUp;
    }

    private boolean apply(Article article) {
        return article.isPublished()
                ? index.upsert(SearchDocument.of(article))
                : index.remove(article.getId(), article.getRevision());
    }
}
