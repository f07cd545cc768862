package newsroom.category.tree;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import newsroom.category.tree.internal.TreeIndex;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the read endpoints answer from memory: an immutable {@link TreeIndex} of the whole (small) tree, and the
 * serialised JSON of answers built from it and from the listings (tree with counts, breadcrumbs, siblings,
 * children, first listing pages).
 *
 * <p>Invalidation by generation: every change bumps a counter; a snapshot or answer made at an older generation is
 * rebuilt on its next read. Because the generation is read <em>before</em> the store, an answer built while a change
 * lands is stamped with the old generation and never outlives it. Changes come from this replica's tree writes
 * ({@link #treeChanged}, called after each write and when a snapshot is published), from {@code category-changed}
 * (every replica has its own anonymous group, so writes on other replicas arrive here too) and from the listing
 * projection ({@link #listingsChanged}). Listings are written by whichever replica's consumer holds the article's
 * partition, and another replica cannot tell when that write has landed; a replica that crashed in the middle of a
 * move sends its snapshot only when the repair job finishes it. So snapshot and answers also expire after
 * {@code newsroom.reads.max-age} (500 ms): the bound on how stale a change this replica was not told of can be.
 */
@Component
public class CategoryReads {

    private final CategoryRepository categories;
    private final JsonMapper json;
    private final AtomicLong treeGeneration = new AtomicLong();
    private final AtomicLong generation = new AtomicLong();
    private final Cache<String, Answer> answers;
    private final long maxAgeNanos;
    private volatile Snapshot snapshot = new Snapshot(-1, 0, null);

    CategoryReads(CategoryRepository categories, JsonMapper json,
            @Value("${newsroom.reads.max-age:500ms}") Duration maxAge) {
        this.categories = categories;
        this.json = json;
        this.answers = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(maxAge).build();
        this.maxAgeNanos = maxAge.toNanos();
    }

    /**
     * The tree as of the last change this replica knows of: one read of the (small) categories collection per change,
     * and at most one per max-age.
     */
    public TreeIndex tree() {
        long current = treeGeneration.get();
        long now = System.nanoTime();
        Snapshot s = snapshot;
        if (s.generation() != current || now - s.readAt() > maxAgeNanos) {
            s = new Snapshot(current, now, TreeIndex.of(categories.findAll()));
            snapshot = s;
        }
        return s.tree();
    }

    /**
     * The JSON of {@code answer}, built at most once per change (and per max-age) for each key. An exception (a 404)
     * is thrown to the caller and nothing is remembered.
     */
    public byte[] json(String key, Supplier<Object> answer) {
        long current = generation.get();
        Answer cached = answers.getIfPresent(key);
        if (cached != null && cached.generation() == current) {
            return cached.json();
        }
        byte[] bytes = json.writeValueAsBytes(answer.get());
        answers.put(key, new Answer(current, bytes));
        return bytes;
    }

    /** A category was created, changed, moved or deleted, or one step of that was written (here or elsewhere). */
    public void treeChanged() {
        treeGeneration.incrementAndGet();
        generation.incrementAndGet();
    }

    /** A listing changed: counts and listing pages are rebuilt, the tree itself is not. */
    public void listingsChanged() {
        generation.incrementAndGet();
    }

    private record Snapshot(long generation, long readAt, TreeIndex tree) {
    }

    private record Answer(long generation, byte[] json) {
    }
}
