package newsroom.category.tree;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Where the articles of a deleted category went (DELETE with {@code moveArticlesTo}). The listing projection files
 * events by it (read once per tree snapshot), so an event that still names a deleted category (in flight during the
 * deletion, or replayed from offset zero) lands where the live listings were re-pointed to. Chains (a → b, later
 * b → c) are followed.
 */
@Component
public class CategoryRedirects {

    private static final int MAX_HOPS = 32;

    private final MongoTemplate mongo;

    public CategoryRedirects(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Every deleted category whose articles went elsewhere, with the category that holds them now and its path (chains
     * a → b, later b → c followed), from one read of the (small) tombstone collection.
     */
    public Map<String, Redirect> resolved() {
        Query redirected = query(where("redirectTo").ne(null));
        redirected.fields().include("_id", "redirectTo", "redirectPath");
        Map<String, Redirect> next = new HashMap<>();
        mongo.find(redirected, Document.class, mongo.getCollectionName(CategoryTombstone.class))
                .forEach(t -> next.put(t.getString("_id"), new Redirect(t.getString("redirectTo"),
                        t.getList("redirectPath", String.class))));
        Map<String, Redirect> resolved = new HashMap<>();
        next.forEach((from, to) -> {
            Redirect target = to;
            for (int hop = 0; hop < MAX_HOPS && next.containsKey(target.categoryId()); hop++) {
                target = next.get(target.categoryId());
            }
            resolved.put(from, target);
        });
        return resolved;
    }

    /** As {@link #resolved()}, the category ids only: for readers that fold deleted categories' entries in. */
    public Map<String, String> all() {
        Map<String, String> targets = new HashMap<>();
        resolved().forEach((from, to) -> targets.put(from, to.categoryId()));
        return targets;
    }

    public record Redirect(String categoryId, List<String> path) {
    }
}
