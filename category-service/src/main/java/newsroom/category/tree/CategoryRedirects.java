package newsroom.category.tree;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Where the articles of a deleted category went (DELETE with {@code moveArticlesTo}). The listing projector asks this
 * for every event, so an event that still names a deleted category (in flight during the deletion, or replayed from
 * offset zero) lands where the live listings were re-pointed to. Chains (a → b, later b → c) are followed.
 */
@Component
public class CategoryRedirects {

    private static final int MAX_HOPS = 32;

    private final MongoTemplate mongo;

    public CategoryRedirects(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The category that now holds the articles filed under {@code categoryId}, if that category was deleted so. */
    public Optional<Redirect> resolve(String categoryId) {
        if (categoryId == null) {
            return Optional.empty();
        }
        Redirect found = null;
        String current = categoryId;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            CategoryTombstone tombstone = mongo.findById(current, CategoryTombstone.class);
            if (tombstone == null || tombstone.redirectTo() == null) {
                break;
            }
            found = new Redirect(tombstone.redirectTo(), tombstone.redirectPath());
            current = tombstone.redirectTo();
        }
        return Optional.ofNullable(found);
    }

    /**
     * Every deleted category whose articles went elsewhere, with the category that holds them now (chains followed),
     * from one read of the (small) tombstone collection: for readers that fold deleted categories' entries in.
     */
    public Map<String, String> all() {
        Query redirected = query(where("redirectTo").ne(null));
        redirected.fields().include("_id", "redirectTo");
        Map<String, String> next = new HashMap<>();
        mongo.find(redirected, Document.class, mongo.getCollectionName(CategoryTombstone.class))
                .forEach(t -> next.put(t.getString("_id"), t.getString("redirectTo")));
        Map<String, String> resolved = new HashMap<>();
        next.forEach((from, to) -> {
            String target = to;
            for (int hop = 0; hop < MAX_HOPS && next.containsKey(target); hop++) {
                target = next.get(target);
            }
            resolved.put(from, target);
        });
        return resolved;
    }

    public record Redirect(String categoryId, List<String> path) {
    }
}
