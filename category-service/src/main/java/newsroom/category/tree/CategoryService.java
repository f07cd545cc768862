package newsroom.category.tree;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.result.UpdateResult;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import newsroom.category.tree.Category.MoveMarker;
import newsroom.category.tree.internal.CategoryEvents;
import newsroom.category.tree.internal.TreeIndex;
import newsroom.category.tree.internal.TreeLock;
import newsroom.category.tree.internal.TreeMaintenance;
import newsroom.contracts.CategoryChanged.Change;
import newsroom.platform.mongo.SequenceGenerator;
import newsroom.platform.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Reads and writes of the category tree.
 *
 * <p><b>No multi-document transactions.</b> Each write is a sequence of single-document atomic steps ordered so that
 * a crash after any step leaves a state that a retry of the request, or the {@link TreeMaintenance repair job},
 * completes; nothing is ever half-visible in a way that reads get wrong:
 * <ul>
 *   <li>create, rename, re-slug, reorder, hide/show: one conditional update (or insert) of one document that also
 *       sets {@code eventPending}; the snapshot is sent afterwards and re-sent by the repair job if that failed;</li>
 *   <li>move: see {@link #move}; delete: see {@link #delete}.</li>
 * </ul>
 * Structural writes (create, move, delete) are serialised by the {@link TreeLock}; the others rely on the
 * document's version (a concurrent edit gives 409) and the unique index on (parentId, slug).
 */
@Service
public class CategoryService {

    private final CategoryRepository categories;
    private final MongoTemplate mongo;
    private final SequenceGenerator ids;
    private final CategoryEvents events;
    private final TreeMaintenance maintenance;
    private final TreeLock lock;
    private final ListedArticles listings;
    private final Clock clock;
    private final CategoryReads reads;

    public CategoryService(CategoryRepository categories, MongoTemplate mongo, SequenceGenerator ids,
            CategoryEvents events, TreeMaintenance maintenance, TreeLock lock, ListedArticles listings, Clock clock,
            CategoryReads reads) {
        this.reads = reads;
        this.categories = categories;
        this.mongo = mongo;
        this.ids = ids;
        this.events = events;
        this.maintenance = maintenance;
        this.lock = lock;
        this.listings = listings;
        this.clock = clock;
    }

    // ---------------------------------------------------------------------------------------------------- reads

    /** A category (from the in-memory tree), or 404. */
    public Category get(String id) {
        Category category = reads.tree().get(id);
        if (category == null) {
            throw ProblemException.notFound("Category", id);
        }
        return category;
    }

    /** The category reached from the roots by these slugs, e.g. {@code ["news", "park-planning"]}. */
    public Category byPath(List<String> slugs) {
        if (slugs.isEmpty()) {
            throw ProblemException.badRequest("path", "give at least one slug, e.g. /by-path/news/park-planning");
        }
        TreeIndex tree = reads.tree();
        Category current = null;
        for (String slug : slugs) {
            String parentId = current == null ? null : current.id();
            current = tree.childrenOf(parentId).stream().filter(c -> c.slug().equals(slug)).findFirst()
                    .orElseThrow(() -> ProblemException.notFound("Category path", "/" + String.join("/", slugs)));
        }
        return current;
    }

    /**
     * The whole tree, roots first, siblings in {@link CategoryOrder}, each node with its direct and subtree article
     * counts. Hidden categories (and what is below them) are left out unless asked for; subtree counts add up what
     * the response shows.
     */
    public List<CategoryView> tree(boolean includeHidden) {
        TreeIndex tree = reads.tree();
        Map<String, Long> counts = listings.countListedByCategory();
        return tree.childrenOf(null).stream().filter(c -> includeHidden || !c.hidden())
                .map(root -> view(root, tree, counts, includeHidden, new HashSet<>())).toList();
    }

    private CategoryView view(Category node, TreeIndex tree, Map<String, Long> counts, boolean includeHidden,
            Set<String> seen) {
        seen.add(node.id());
        List<CategoryView> children = tree.childrenOf(node.id()).stream()
                .filter(c -> (includeHidden || !c.hidden()) && !seen.contains(c.id()))
                .map(c -> view(c, tree, counts, includeHidden, seen)).toList();
        long direct = counts.getOrDefault(node.id(), 0L);
        long subtree = direct + children.stream().mapToLong(CategoryView::subtreeArticleCount).sum();
        return CategoryView.of(node, direct, subtree, children);
    }

    /**
     * Root → … → the category itself, following parent links (not the stored path), so a move shows at once even
     * while the descendants' stored paths are still being rewritten.
     */
    public List<Category> breadcrumb(String id) {
        get(id);
        TreeIndex tree = reads.tree();
        return tree.pathOf(id).stream().map(tree::get).filter(Objects::nonNull).toList();
    }

    /** The categories sharing this one's parent, this one included, in sidebar order; hidden ones left out. */
    public List<Category> siblings(String id) {
        return visible(reads.tree().childrenOf(get(id).parentId()));
    }

    public List<Category> children(String id) {
        get(id);
        return visible(reads.tree().childrenOf(id));
    }

    /**
     * The ids whose articles a subtree listing of {@code id} shows: the category itself and every descendant that is
     * not hidden (nor below a hidden one), derived from the tree now rather than from paths stored in listings.
     */
    public List<String> subtreeIds(String id) {
        get(id);
        return reads.tree().subtree(id, false).stream().map(Category::id).toList();
    }

    /** Children lists of the tree are sorted in {@link CategoryOrder#SIBLINGS} already. */
    private static List<Category> visible(List<Category> list) {
        return list.stream().filter(c -> !c.hidden()).toList();
    }

    /** The stored category, for writes (which must not act on a snapshot), or 404. */
    private Category stored(String id) {
        return categories.findById(id).orElseThrow(() -> ProblemException.notFound("Category", id));
    }

    // --------------------------------------------------------------------------------------------------- writes

    public Category create(NewCategory request) {
        String name = normalizeName(request.name());
        String parentId = blankToNull(request.parentId());
        return lock.withLock(() -> {
            List<String> path = new ArrayList<>();
            if (parentId != null) {
                if (!categories.existsById(parentId) || isTombstoned(parentId)) {
                    throw ProblemException.unprocessable("parentId", "category " + parentId + " does not exist");
                }
                path.addAll(TreeIndex.of(categories.findAll()).pathOf(parentId));
            }
            if (categories.existsByParentIdAndSlug(parentId, request.slug())) {
                throw duplicateSlug(request.slug());
            }
            String id = ids.next("category");
            path.add(id);
            Instant now = clock.instant();
            Category category = new Category(id, name, request.slug(), parentId, path,
                    request.sortOrder() == null ? 0 : request.sortOrder(), Boolean.TRUE.equals(request.hidden()), 1,
                    now, now, null, Change.CREATED, true, null);
            try {
                categories.insert(category);
            } catch (DuplicateKeyException raced) {
                throw duplicateSlug(request.slug());
            }
            reads.treeChanged();
            events.publishLatest(id);
            return stored(id);
        });
    }

    /**
     * Rename, re-slug, reorder, hide or show: one conditional update of one document (conditional on the version
     * read, so a concurrent edit makes this a 409 rather than a lost update), which also bumps the revision and marks
     * the snapshot pending. Nothing else stores names or slugs, so nothing else needs rewriting: breadcrumbs and
     * paths carry ids. Sending nothing new (e.g. a repeated PUT) changes nothing and sends nothing.
     */
    public Category update(String id, CategoryChanges changes) {
        Category current = live(id);
        String parentId = blankToNull(changes.parentId());
        if (parentId != null && !parentId.equals(current.parentId())) {
            throw ProblemException.badRequest("parentId",
                    "a category changes parent with POST /api/categories/" + id + "/move");
        }
        String name = changes.name() == null ? current.name() : normalizeName(changes.name());
        String slug = changes.slug() == null ? current.slug() : changes.slug();
        int sortOrder = changes.sortOrder() == null ? current.sortOrder() : changes.sortOrder();
        boolean hidden = changes.hidden() == null ? current.hidden() : changes.hidden();

        List<Change> kinds = new ArrayList<>();
        if (!name.equals(current.name())) {
            kinds.add(Change.RENAMED);
        }
        if (!slug.equals(current.slug())) {
            kinds.add(Change.UPDATED);
        }
        if (sortOrder != current.sortOrder()) {
            kinds.add(Change.REORDERED);
        }
        if (hidden != current.hidden()) {
            kinds.add(hidden ? Change.HIDDEN : Change.SHOWN);
        }
        if (kinds.isEmpty()) {
            return current;
        }
        if (!slug.equals(current.slug()) && categories.findByParentIdAndSlug(current.parentId(), slug)
                .filter(other -> !other.id().equals(id)).isPresent()) {
            throw duplicateSlug(slug);
        }
        Update update = new Update().set("name", name).set("slug", slug).set("sortOrder", sortOrder)
                .set("hidden", hidden).set("updatedAt", clock.instant())
                .set("lastChange", kinds.size() == 1 ? kinds.get(0) : Change.UPDATED)
                .set("eventPending", true).inc("revision", 1).inc("version", 1);
        applyVersioned(current, update, slug);
        events.publishLatest(id);
        return stored(id);
    }

    /**
     * Moves a category (with its subtree) under another parent, or to the top with no parent; or, with the same
     * parent, only changes its sort order.
     *
     * <p>Without transactions, in this order, under the tree lock:
     * <ol>
     *   <li>finish any earlier move that was interrupted, so the tree this move reasons about is complete;</li>
     *   <li>check: the new parent exists (else 422) and is neither the category nor below it (else 409, a cycle);
     *       no new sibling has the same slug (else 409);</li>
     *   <li>write the moved category in one atomic, version-conditional update: new {@code parentId}, new
     *       {@code path}, next revision, {@code eventPending}, and a {@link MoveMarker}. The structure is now final:
     *       breadcrumbs and subtree listings, which follow parent links, are already right;</li>
     *   <li>rewrite each descendant's stored path (derived from parent links, so each rewrite is idempotent and
     *       bumps that descendant's revision exactly once), publish a {@code MOVED} snapshot for every category that
     *       changed, then remove the marker ({@link TreeMaintenance#finishMove}).</li>
     * </ol>
     * A crash after step 3 leaves the marker; the next move, the repair job, or a retry of this request (which finds
     * the category already in place and only runs step 1) completes step 4.
     */
    public Category move(String id, MoveRequest request) {
        return lock.withLock(() -> {
            Category written = startMove(id, request);
            if (written.moving() != null) {
                maintenance.finishMove(id);
            } else if (written.eventPending()) {
                events.publishLatest(id);
            }
            return stored(id);
        });
    }

    /**
     * Steps 1 to 3 of {@link #move}: after this the moved category is written (with its marker, if the parent
     * changed) and nothing else. Package-private so that tests can stop here, as a crash would.
     */
    Category startMove(String id, MoveRequest request) {
        String parentId = blankToNull(request.parentId());
        return lock.withLock(() -> {
            for (Category interrupted : categories.findByMovingNotNull()) {
                maintenance.finishMove(interrupted.id());
            }
            Category node = live(id);
            TreeIndex tree = TreeIndex.of(categories.findAll());
            if (parentId != null) {
                if (tree.get(parentId) == null || isTombstoned(parentId)) {
                    throw ProblemException.unprocessable("parentId", "category " + parentId + " does not exist");
                }
                if (tree.isSelfOrAncestor(id, parentId)) {
                    throw ProblemException.conflict("parentId", "category " + parentId + " is " + id
                            + " itself or one of its descendants; moving there would make a cycle");
                }
            }
            int sortOrder = request.sortOrder() == null ? node.sortOrder() : request.sortOrder();
            boolean sameParent = Objects.equals(node.parentId(), parentId);
            if (sameParent && sortOrder == node.sortOrder()) {
                return node;
            }
            if (!sameParent && categories.existsByParentIdAndSlug(parentId, node.slug())) {
                throw duplicateSlug(node.slug());
            }
            List<String> path = new ArrayList<>(parentId == null ? List.of() : tree.pathOf(parentId));
            path.add(id);
            Instant now = clock.instant();
            Update update = new Update().set("parentId", parentId).set("path", path).set("sortOrder", sortOrder)
                    .set("updatedAt", now).set("lastChange", sameParent ? Change.REORDERED : Change.MOVED)
                    .set("eventPending", true).inc("revision", 1).inc("version", 1);
            if (!sameParent) {
                update.set("moving", new MoveMarker(node.parentId(), node.path(), now));
            }
            applyVersioned(node, update, node.slug());
            return stored(id);
        });
    }

    /**
     * Deletes a category that has no subcategories. One that still has listed articles is deleted only with a target
     * for them ({@code moveArticlesTo}); without one that is a 409.
     *
     * <p><b>Where the articles go.</b> article-service remains the source of truth for an article's category. This
     * service does not (cannot) change the article: it re-points its own listings to the target right away, and
     * remembers the redirect in the tombstone, so any event that still names the deleted category (in flight now,
     * or replayed from offset zero later) is listed under the target too. The {@code DELETED} snapshot on
     * {@code category-changed} tells article-service the category is gone (its replica then refuses it for new
     * articles). Follow-up, owned by article-service: re-file its articles of a deleted category, either by an editor
     * or automatically once the {@code category-changed} contract carries the redirect target (a field to add in a
     * later v1 revision); the resulting {@code ArticleUpdated} events have newer revisions and win over the
     * re-pointed listings as usual.
     *
     * <p>Without transactions, in this order, under the tree lock: write the tombstone (last state, next revision,
     * redirect target and the target's path); re-point the listings; remove the category; send the snapshot. A crash
     * in between leaves a tombstone beside the category, which a retried DELETE or the repair job finishes; every
     * step is idempotent.
     */
    public void delete(String id, String moveArticlesTo) {
        lock.withLock(() -> {
            maintenance.finishDeletion(startDelete(id, moveArticlesTo));
            return null;
        });
    }

    /**
     * The checks and the first step of {@link #delete}: after this the tombstone is written and nothing else (or,
     * for a category whose deletion was interrupted, the existing tombstone is returned). Package-private so that
     * tests can stop here, as a crash would.
     */
    CategoryTombstone startDelete(String id, String moveArticlesTo) {
        String target = blankToNull(moveArticlesTo);
        return lock.withLock(() -> {
            CategoryTombstone interrupted = mongo.findById(id, CategoryTombstone.class);
            if (interrupted != null) {
                return interrupted;
            }
            Category category = stored(id);
            long children = categories.countByParentId(id);
            if (children > 0) {
                throw ProblemException.conflict(null, "category " + id + " has " + children
                        + " subcategories; move or delete them first");
            }
            List<String> targetPath = null;
            if (target != null) {
                if (target.equals(id)) {
                    throw ProblemException.unprocessable("moveArticlesTo",
                            "the articles cannot move to the category being deleted");
                }
                if (!categories.existsById(target) || isTombstoned(target)) {
                    throw ProblemException.unprocessable("moveArticlesTo", "category " + target + " does not exist");
                }
                targetPath = TreeIndex.of(categories.findAll()).pathOf(target);
            } else {
                long listed = listings.countListed(id);
                if (listed > 0) {
                    throw ProblemException.conflict("moveArticlesTo", "category " + id + " still lists " + listed
                            + " articles; give ?moveArticlesTo=<category id> to move them");
                }
            }
            CategoryTombstone tombstone = new CategoryTombstone(id, category.name(), category.slug(),
                    category.parentId(), category.path(), category.sortOrder(), category.hidden(),
                    category.revision() + 1, target, targetPath, clock.instant(), true);
            mongo.insert(tombstone);
            reads.treeChanged();
            return tombstone;
        });
    }

    private void applyVersioned(Category current, Update update, String slug) {
        UpdateResult result;
        try {
            result = mongo.updateFirst(query(where("_id").is(current.id()).and("version").is(current.version())),
                    update, Category.class);
        } catch (DuplicateKeyException raced) {
            throw duplicateSlug(slug);
        }
        if (result.getMatchedCount() == 0) {
            throw new OptimisticLockingFailureException("category " + current.id() + " changed meanwhile");
        }
        // Reads show the write at once, even if what follows (the rest of a move, the send) never happens.
        reads.treeChanged();
    }

    /** A category that exists and is not being deleted (a deletion in progress has written its tombstone). */
    private Category live(String id) {
        Category category = stored(id);
        if (isTombstoned(id)) {
            throw ProblemException.notFound("Category", id);
        }
        return category;
    }

    private boolean isTombstoned(String id) {
        return mongo.exists(query(where("_id").is(id)), CategoryTombstone.class);
    }

    private static String normalizeName(String raw) {
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        if (name.isEmpty()) {
            throw ProblemException.badRequest("name", "must not be blank");
        }
        return name;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ProblemException duplicateSlug(String slug) {
        return ProblemException.conflict("slug", "a sibling category already uses the slug '" + slug + "'");
    }
}
