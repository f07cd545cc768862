package newsroom.article.reading;

import java.time.Instant;
import newsroom.article.editorial.Article;

/** Enough to link to an article: a related-articles entry. */
public record ArticleTeaser(String id, String slug, String path, String title, String summary, String coverImageUrl,
        String categoryId, Instant publishedAt) {

    static ArticleTeaser of(Article a) {
        return new ArticleTeaser(a.getId(), a.getSlug(), PublishedArticles.canonicalPath(a), a.getTitle(),
                a.getSummary(), a.getCoverImageUrl(), a.getCategoryId(), a.getPublishedAt());
    }
}
