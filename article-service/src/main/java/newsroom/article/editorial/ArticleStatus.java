package newsroom.article.editorial;

/**
 * Where an article is in its life. Only PUBLISHED articles are visible to readers.
 *
 * <pre>
 * DRAFT --submit--> IN_REVIEW --approve--> PUBLISHED (or SCHEDULED with a publishAt)
 *   ^                   |                      |
 *   +------reject-------+                  unpublish
 *                                              v
 * DRAFT / IN_REVIEW / UNPUBLISHED --schedule--> SCHEDULED --(due)--> PUBLISHED --> UNPUBLISHED
 * DRAFT / IN_REVIEW / SCHEDULED / UNPUBLISHED --publish--> PUBLISHED;  SCHEDULED --unschedule--> DRAFT
 * </pre>
 */
public enum ArticleStatus {
    DRAFT, IN_REVIEW, SCHEDULED, PUBLISHED, UNPUBLISHED
}
