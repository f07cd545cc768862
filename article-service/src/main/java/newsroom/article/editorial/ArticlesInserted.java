package newsroom.article.editorial;

import java.util.List;

/**
 * Published (as a Spring application event) after a bulk insert of new article documents by this replica — an
 * import batch, which bypasses {@link ArticleStore} — carrying them as stored (version 0), before their events are
 * sent. The editors' desk index applies it; the search index keeps them for their events (instead of reading each one
 * back); the reader copies need not: the articles' {@code article-lifecycle} events tell them.
 */
public record ArticlesInserted(List<Article> articles) {

    public ArticlesInserted {
        articles = List.copyOf(articles);
    }
}
