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

    private final ListingOrder order;
    private final MovedCategories moved;

    ListingStore(MongoTemplate mongo, ListingOrder order, MovedCategories moved) {
        this.mongo = mongo;
        this.order = order;
        this.moved = moved;
    }

    /** From the store: the "delete only when empty" rule must not trust a replica's memory, which may lag. */
    @Override
    public long countListed(String categoryId) {
        return mongo.count(query(where("categoryId").is(categoryId).and("listed").is(true)), ListedArticle.class);
    }

    /** From memory once the stored listings are read in ({@link ListingOrder}); the store's aggregation until then. */
    @Override
    public Map<String, Long> countListedByCategory() {
        if (order.isLoaded()) {
            return order.countsByCategory(moved.now());
        }
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
