package newsroom.stats.articles;

import java.util.function.Consumer;
import newsroom.contracts.ArticlePublished;
import newsroom.contracts.ArticleUnpublished;
import newsroom.contracts.ArticleUpdated;
import newsroom.platform.events.CloudEventReader;
import newsroom.stats.imported.ImportedBaselines;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Learns articles from article-lifecycle (binding articleLifecycle-in-0, group stats-service): a view of an article
 * never announced there is not counted. A record that does not read fails, is retried and then goes to
 * article-lifecycle.stats-service.dlq (the binder's DLQ). An imported article's old click count (its event's
 * {@code importedFrom}) is kept as a baseline beside the counters ({@link ImportedBaselines}).
 */
@Configuration
class ArticleLifecycleConsumer {

    @Bean
    Consumer<Message<byte[]>> articleLifecycle(CloudEventReader reader, KnownArticles articles,
            ImportedBaselines baselines) {
        return message -> reader.read(message).ifPresent(event -> {
            if (event instanceof ArticlePublished p) {
                baselines.record(p.articleId(), p.importedFrom());
                articles.apply(p.articleId(), p.revision(), p.article() == null ? null : p.article().categoryId(),
                        p.article() == null ? null : p.article().categoryPath(), true, p.occurredAt());
            } else if (event instanceof ArticleUpdated u) {
                articles.apply(u.articleId(), u.revision(), u.article() == null ? null : u.article().categoryId(),
                        u.article() == null ? null : u.article().categoryPath(), true, u.occurredAt());
            } else if (event instanceof ArticleUnpublished u) {
                articles.apply(u.articleId(), u.revision(), u.categoryId(), null, false, u.occurredAt());
            }
        });
    }
}
