package newsroom.article.editorial;

/**
 * Published (as a Spring application event) after every write of an article document by this replica, carrying the
 * document as stored. Read models of this replica apply it at once, before the write's own {@code article-lifecycle}
 * event comes back from Kafka, so an editor reading right after a save sees it.
 */
public record ArticleSaved(Article article) {
}
