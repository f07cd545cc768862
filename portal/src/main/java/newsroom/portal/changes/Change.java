package newsroom.portal.changes;

/**
 * Something the portal may have cached changed, as announced on {@code article-lifecycle} or {@code category-changed}.
 * Published as a Spring application event on the consumer's thread; every cache of the portal listens and drops what
 * the change makes stale.
 */
public sealed interface Change permits Change.ArticleChange, Change.CategoryChange, Change.UnreadableChange {

    /**
     * An article was published, updated or unpublished.
     *
     * @param revision the article's revision after the change: a copy read with a lower one is out of date
     * @param visible  whether readers may see the article now (false after an unpublish)
     */
    record ArticleChange(String articleId, long revision, boolean visible) implements Change {
    }

    /** A category was created, renamed, moved, reordered, hidden, shown or deleted. */
    record CategoryChange(String categoryId, long revision) implements Change {
    }

    /** A record the portal could not read: caches drop everything rather than risk keeping a stale page. */
    record UnreadableChange(String topic, String reason) implements Change {
    }
}
