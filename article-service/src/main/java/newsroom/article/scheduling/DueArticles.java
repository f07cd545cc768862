package newsroom.article.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import newsroom.article.editorial.Article;
import newsroom.article.editorial.ArticleSaved;
import newsroom.article.editorial.ArticleStatus;
import newsroom.article.editorial.ArticlesInserted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The scheduled articles this replica saved, with when each is due, so the scheduler need not ask the store for them on
 * every poll (a query the embedded store of the local run answers by reading every article). Kept from this
 * replica's own saves; what other replicas schedule is found by the scheduler's look at the store.
 */
@Component
class DueArticles {

    private final Map<String, Instant> scheduled = new ConcurrentHashMap<>();

    @EventListener
    void onSaved(ArticleSaved saved) {
        apply(saved.article());
    }

    @EventListener
    void onInserted(ArticlesInserted inserted) {
        inserted.articles().forEach(this::apply);
    }

    private void apply(Article article) {
        if (article.getStatus() == ArticleStatus.SCHEDULED && article.getPublishAt() != null) {
            scheduled.put(article.getId(), article.getPublishAt());
        } else {
            scheduled.remove(article.getId());
        }
    }

    /** The articles due by {@code now} (id and due time), earliest first. */
    List<Map.Entry<String, Instant>> dueBy(Instant now) {
        return scheduled.entrySet().stream()
                .filter(e -> !e.getValue().isAfter(now))
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .sorted(Map.Entry.comparingByValue())
                .toList();
    }

    /**
     * Forgets {@code id} once the scheduler has dealt with it, unless a save meanwhile scheduled it for another time
     * (then that save's time stands).
     */
    void done(String id, Instant dueAt) {
        scheduled.remove(id, dueAt);
    }
}
