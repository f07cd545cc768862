package newsroom.category.listing;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newsroom.category.tree.ListedArticles;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The listings as the tree sees them: counts, and re-pointing when a category is deleted. */
@Component
class ListingStore implements ListedArticles {

    private final MongoTemplate mongo;

    ListingStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public long countListed(String categoryId) {
        return mongo.count(query(where("categoryId").is(categoryId).and("listed").is(true)), ListedArticle.class);
    }

    @Override
    public Map<String, Long> countListedByCategory() {
        Map<String, Long> counts = new HashMap<>();
        mongo.aggregate(newAggregation(match(where("listed").is(true)), group("categoryId").count().as("count")),
                ListedArticle.class, Document.class).forEach(row -> {
                    Object id = row.get("_id");
                    if (id != null) {
                        counts.put(id.toString(), ((Number) row.get("count")).longValue());
                    }
                });
        return counts;
    }

    @Override
    public long repoint(String fromCategoryId, String toCategoryId, List<String> toPath) {
        return mongo.updateMulti(query(where("categoryId").is(fromCategoryId)),
                new Update().set("categoryId", toCategoryId).set("categoryPath", toPath), ListedArticle.class)
                .getModifiedCount();
    }
}
