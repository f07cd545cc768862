package newsroom.article.reading;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import newsroom.article.editorial.Article;
import newsroom.article.editorial.ArticleRepository;
import newsroom.article.editorial.ArticleStatus;
import newsroom.platform.web.ProblemException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Lookups that only ever return what readers may see. */
@Service
public class PublishedArticles {

    private final ArticleRepository articles;
    private final MongoTemplate mongo;

    PublishedArticles(ArticleRepository articles, MongoTemplate mongo) {
        this.articles = articles;
        this.mongo = mongo;
    }

    /** The published article, or 404 — the same 404 for drafts as for ids that never existed. */
    public Article get(String id) {
        return articles.findById(id).filter(Article::isPublished)
                .orElseThrow(() -> ProblemException.notFound("Article", id));
    }

    /** The newest published articles, optionally within a category's subtree. */
    public List<Article> latest(String categoryId, int limit) {
        Criteria criteria = where("status").is(ArticleStatus.PUBLISHED);
        if (categoryId != null) {
            criteria = criteria.and("categoryPath").is(categoryId);
        }
        Query query = query(criteria).with(Sort.by(Sort.Order.desc("publishedAt"), Sort.Order.desc("_id")))
                .limit(limit);
        query.fields().exclude("body").exclude("outbox");
        return mongo.find(query, Article.class);
    }

    /** The canonical reader URL of an article: {@code /api/articles/42-park-cluster}, or {@code /api/articles/42}. */
    public static String canonicalPath(Article a) {
        return "/api/articles/" + a.getId() + (a.getSlug() == null ? "" : "-" + a.getSlug());
    }
}
