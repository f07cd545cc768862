package newsroom.article.reading;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.article.editorial.Article;
import newsroom.article.editorial.ArticleStatus;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * "相关文章推荐": published articles ranked by how many keywords they share with this one, then by how much of the
 * category path they share (same category before a sibling before a cousin), then by recency. Never the article
 * itself, never anything unpublished; when too few are related at all, the category's latest fill the list.
 */
@Service
public class RelatedArticles {

    /** How many recent candidates are ranked; plenty for a sidebar, bounded for a large archive. */
    static final int CANDIDATES = 500;

    private final MongoTemplate mongo;

    RelatedArticles(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public List<Article> relatedTo(Article article, int limit) {
        Set<String> keywords = new HashSet<>(article.getKeywordKeys());
        Set<String> path = new HashSet<>(article.getCategoryPath());
        List<Criteria> related = new ArrayList<>();
        if (!keywords.isEmpty()) {
            related.add(where("keywordKeys").in(keywords));
        }
        if (!path.isEmpty()) {
            related.add(where("categoryPath").in(path));
        }
        Map<String, Article> chosen = new LinkedHashMap<>();
        if (!related.isEmpty()) {
            Query candidates = query(where("status").is(ArticleStatus.PUBLISHED).and("_id").ne(article.getId())
                    .orOperator(related.toArray(Criteria[]::new)))
                    .with(Sort.by(Sort.Order.desc("publishedAt"))).limit(CANDIDATES);
            candidates.fields().exclude("body").exclude("outbox");
            mongo.find(candidates, Article.class).stream()
                    .sorted(Comparator.comparingInt((Article a) -> shared(keywords, a.getKeywordKeys())).reversed()
                            .thenComparing(Comparator.comparingInt(
                                    (Article a) -> shared(path, a.getCategoryPath())).reversed())
                            .thenComparing(RelatedArticles::publishedAt, Comparator.reverseOrder())
                            .thenComparing(Article::getId))
                    .limit(limit)
                    .forEach(a -> chosen.put(a.getId(), a));
        }
        if (chosen.size() < limit && article.getCategoryId() != null) {
            Query latest = query(where("status").is(ArticleStatus.PUBLISHED).and("categoryId")
                    .is(article.getCategoryId()).and("_id").ne(article.getId()))
                    .with(Sort.by(Sort.Order.desc("publishedAt"))).limit(limit + chosen.size());
            latest.fields().exclude("body").exclude("outbox");
            for (Article a : mongo.find(latest, Article.class)) {
                if (chosen.size() >= limit) {
                    break;
                }
                chosen.putIfAbsent(a.getId(), a);
            }
        }
        return List.copyOf(chosen.values());
    }

    private static int shared(Set<String> mine, List<String> theirs) {
        int n = 0;
        for (String s : new HashSet<>(theirs)) {
            if (mine.contains(s)) {
                n++;
            }
        }
        return n;
    }

    private static Instant publishedAt(Article a) {
        return a.getPublishedAt() == null ? Instant.EPOCH : a.getPublishedAt();
    }
}
