package newsroom.article.editorial;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One saved state of an article: everything an editor can change, plus who saved it, when and why.
 *
 * @param id           {@code <articleId>:<version>:<saveId>} — see {@link RevisionStore} for why all three
 * @param version      the article's version (its ETag) after this save
 * @param saveId       the save that wrote it; the article document names the save of its current state
 * @param parentSaveId the save this one was based on; following parents from the article's {@code saveId} gives the
 *                     history, and leaves out revisions of saves that never reached the article
 */
@Document("article_revisions")
@CompoundIndex(name = "article_version", def = "{'articleId': 1, 'version': -1}")
public record Revision(
        @Id String id,
        String articleId,
        long version,
        String saveId,
        String parentSaveId,
        String action,
        String savedBy,
        Instant savedAt,
        String note,
        ArticleStatus status,
        String slug,
        String title,
        String subtitle,
        String summary,
        String body,
        String source,
        String writer,
        String coverImageUrl,
        List<String> keywords,
        String seoTitle,
        String seoDescription,
        String categoryId,
        List<String> categoryPath,
        boolean headline,
        boolean recommended,
        boolean pinned,
        int sortRank,
        Instant publishAt) {

    public Revision {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        categoryPath = categoryPath == null ? List.of() : List.copyOf(categoryPath);
    }

    /** The state {@code article} will have once saved as {@code version}. */
    public static Revision of(Article article, long version, String parentSaveId, String note) {
        return new Revision(idOf(article.getId(), version, article.getSaveId()), article.getId(), version,
                article.getSaveId(), parentSaveId, article.getLastAction(), article.getLastModifiedBy(),
                article.getUpdatedAt(), note, article.getStatus(), article.getSlug(), article.getTitle(),
                article.getSubtitle(), article.getSummary(), article.getBody(), article.getSource(),
                article.getWriter(), article.getCoverImageUrl(), article.getKeywords(), article.getSeoTitle(),
                article.getSeoDescription(), article.getCategoryId(), article.getCategoryPath(),
                article.isHeadline(), article.isRecommended(), article.isPinned(), article.getSortRank(),
                article.getPublishAt());
    }

    static String idOf(String articleId, long version, String saveId) {
        return articleId + ":" + version + ":" + saveId;
    }
}
