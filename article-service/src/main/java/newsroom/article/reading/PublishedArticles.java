package newsroom.article.reading;

import newsroom.article.editorial.Article;
import newsroom.article.editorial.ArticleRepository;
import newsroom.platform.web.ProblemException;
import org.springframework.stereotype.Service;

/** Lookups that only ever return what readers may see. */
@Service
public class PublishedArticles {

    private final ArticleRepository articles;

    PublishedArticles(ArticleRepository articles) {
        this.articles = articles;
    }

    /** The published article, or 404 — the same 404 for drafts as for ids that never existed. */
    public Article get(String id) {
        return articles.findById(id).filter(Article::isPublished)
                .orElseThrow(() -> ProblemException.notFound("Article", id));
    }
}
