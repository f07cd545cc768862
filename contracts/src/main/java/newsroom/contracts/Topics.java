package newsroom.contracts;

/**
 * Kafka topic names. Every topic is keyed by the id of the entity it describes (article id or category id) so that
 * all events of one entity land on one partition and stay in order.
 */
public final class Topics {

    /** {@link ArticlePublished}, {@link ArticleUpdated}, {@link ArticleUnpublished}; key = article id. */
    public static final String ARTICLE_LIFECYCLE = "article-lifecycle";

    /** {@link ArticleViewed}; key = article id. A public API for analytics consumers. */
    public static final String ARTICLE_VIEWED = "article-viewed";

    /** {@link CategoryChanged}; key = category id; compacted, so the latest state of every category is kept. */
    public static final String CATEGORY_CHANGED = "category-changed";

    private Topics() {
    }
}
