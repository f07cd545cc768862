package newsroom.portal.site;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.Article;
import newsroom.portal.backend.ArticleReader;
import newsroom.portal.changes.Change;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Published articles as the pages show them, with the body cleaned once per revision rather than on every render:
 * read from article-service on first use, kept (Caffeine, {@code portal.caching.articles-*}) until an
 * {@code article-lifecycle} event about the article drops them. "Not published" is kept too, until a publish event.
 *
 * <p>Two races are closed. A read that was under way when any article event arrived is used but not kept (it may
 * predate the change). And a copy older than the event announced (another article-service replica that has not
 * applied the change yet) is not kept either, so the next request asks again.
 */
@Component
class PublishedArticles {

    /** An article with its body cleaned for rendering. */
    record ReaderArticle(Article article, String body) {
    }

    /** What the last event said about an article: the revision it reached and whether readers may see it. */
    private record Announced(long revision, boolean visible) {
    }

    private final ArticleReader articles;
    private final BodyHtml bodyHtml;
    private final Cache<String, Optional<ReaderArticle>> kept;
    private final Cache<String, Announced> announced;
    private final AtomicLong changes = new AtomicLong();

    PublishedArticles(ArticleReader articles, BodyHtml bodyHtml, PortalProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        this.articles = articles;
        this.bodyHtml = bodyHtml;
        PortalProperties.Caching caching = properties.getCaching();
        this.kept = Caffeine.newBuilder()
                .maximumSize(caching.getArticlesMaxEntries())
                .expireAfterWrite(caching.getArticlesExpiry())
                .recordStats()
                .build();
        // Long enough for any lagging replica to catch up; after that a copy is judged by the events alone.
        this.announced = Caffeine.newBuilder().maximumSize(caching.getArticlesMaxEntries())
                .expireAfterWrite(Duration.ofMinutes(1)).build();
        meters.ifAvailable(registry -> CaffeineCacheMetrics.monitor(registry, kept, "portal.articles"));
    }

    /**
     * The published article; empty when article-service says it is not published.
     *
     * @throws newsroom.portal.backend.ServiceUnavailableException when it must be read and article-service cannot
     *                                                             answer
     */
    Optional<ReaderArticle> find(String id) {
        Optional<ReaderArticle> found = kept.getIfPresent(id);
        if (found != null) {
            return found;
        }
        long changesBefore = changes.get();
        found = articles.article(id).map(a -> new ReaderArticle(a, bodyHtml.clean(a.body())));
        if (changesBefore == changes.get() && current(id, found)) {
            kept.put(id, found);
            if (changesBefore != changes.get()) {
                // An event slipped in between the check and the put: its invalidation may have come first.
                kept.invalidate(id);
            }
        }
        return found;
    }

    /** Whether a copy is at least as new as the last event about the article said. */
    boolean current(String id, Optional<ReaderArticle> copy) {
        Announced last = announced.getIfPresent(id);
        if (last == null) {
            return true;
        }
        if (copy.isEmpty()) {
            return !last.visible();
        }
        Long revision = copy.get().article().revision();
        return last.visible() && (revision == null || revision >= last.revision());
    }

    @EventListener
    void on(Change change) {
        changes.incrementAndGet();
        if (change instanceof Change.ArticleChange article) {
            announced.asMap().merge(article.articleId(), new Announced(article.revision(), article.visible()),
                    (old, now) -> now.revision() >= old.revision() ? now : old);
            kept.invalidate(article.articleId());
        } else if (change instanceof Change.UnreadableChange) {
            // Which article it was about is unknown: everything is read afresh, and judged by later events only.
            kept.invalidateAll();
            announced.invalidateAll();
        }
        // A category change leaves articles as they are: their pages' navigation is dropped by RenderedPages.
    }
}
