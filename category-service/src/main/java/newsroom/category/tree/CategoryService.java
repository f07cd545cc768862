package newsroom.category.tree;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import newsroom.category.tree.internal.CategoryEvents;
import newsroom.contracts.CategoryChanged.Change;
import newsroom.platform.mongo.SequenceGenerator;
import newsroom.platform.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Reads and writes of the category tree. */
@Service
public class CategoryService {

    private final CategoryRepository categories;
    private final SequenceGenerator ids;
    private final CategoryEvents events;
    private final Clock clock;

    public CategoryService(CategoryRepository categories, SequenceGenerator ids, CategoryEvents events, Clock clock) {
        this.categories = categories;
        this.ids = ids;
        this.events = events;
        this.clock = clock;
    }

    public Category create(NewCategory request) {
        List<String> parentPath = List.of();
        if (request.parentId() != null) {
            Category parent = categories.findById(request.parentId()).orElseThrow(() ->
                    ProblemException.unprocessable("parentId", "category " + request.parentId() + " does not exist"));
            parentPath = parent.path();
        }
        if (categories.existsByParentIdAndSlug(request.parentId(), request.slug())) {
            throw duplicateSlug(request.slug());
        }
        String id = ids.next("category");
        List<String> path = new ArrayList<>(parentPath);
        path.add(id);
        Instant now = clock.instant();
        Category category = new Category(id, request.name().strip(), request.slug(), request.parentId(), path,
                request.sortOrder() == null ? 0 : request.sortOrder(), Boolean.TRUE.equals(request.hidden()), 1,
                now, now, null);
        Category saved;
        try {
            saved = categories.insert(category);
        } catch (DuplicateKeyException raced) {
            throw duplicateSlug(request.slug());
        }
        events.changed(saved, Change.CREATED);
        return saved;
    }

    public Category get(String id) {
        return categories.findById(id).orElseThrow(() -> ProblemException.notFound("Category", id));
    }

    /** The whole tree, roots first, siblings in {@link CategoryOrder}. Hidden categories are left out unless asked. */
    public List<CategoryView> tree(boolean includeHidden) {
        List<Category> all = categories.findAll().stream().filter(c -> includeHidden || !c.hidden()).toList();
        Map<String, List<Category>> byParent = all.stream().filter(c -> c.parentId() != null)
                .collect(Collectors.groupingBy(Category::parentId));
        return all.stream().filter(Category::isRoot).sorted(CategoryOrder.SIBLINGS)
                .map(root -> subtree(root, byParent)).toList();
    }

    private CategoryView subtree(Category node, Map<String, List<Category>> byParent) {
        List<CategoryView> children = byParent.getOrDefault(node.id(), List.of()).stream()
                .sorted(CategoryOrder.SIBLINGS).map(child -> subtree(child, byParent)).toList();
        return CategoryView.of(node, children);
    }

    /** Root → … → the category itself. */
    public List<Category> breadcrumb(String id) {
        Category category = get(id);
        Map<String, Category> onPath = categories.findAllById(category.path()).stream()
                .collect(Collectors.toMap(Category::id, Function.identity()));
        return category.path().stream().map(onPath::get).filter(c -> c != null).toList();
    }

    /** The categories sharing this one's parent, this one included, in sidebar order; hidden ones left out. */
    public List<Category> siblings(String id) {
        Category category = get(id);
        return visibleSorted(categories.findByParentId(category.parentId()));
    }

    public List<Category> children(String id) {
        get(id);
        return visibleSorted(categories.findByParentId(id));
    }

    private static List<Category> visibleSorted(List<Category> list) {
        List<Category> sorted = new ArrayList<>(list.stream().filter(c -> !c.hidden()).toList());
        sorted.sort(CategoryOrder.SIBLINGS);
        return Collections.unmodifiableList(sorted);
    }

    private static ProblemException duplicateSlug(String slug) {
        return ProblemException.conflict("slug", "a sibling category already uses the slug '" + slug + "'");
    }
}
