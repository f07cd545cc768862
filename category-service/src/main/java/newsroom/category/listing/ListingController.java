package newsroom.category.listing;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newsroom.category.tree.CategoryIds;
import newsroom.category.tree.CategoryReads;
import newsroom.category.tree.CategoryService;
import newsroom.platform.web.ProblemException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Article listings of a category ({@code scope=category}, the default) or of its whole subtree
 * ({@code scope=subtree}): pinned first, then sort rank, then newest; cursor-paginated (see {@link ListingCursor}).
 *
 * <p>Subtree membership is derived from the tree at query time (the set of the category's non-hidden descendant
 * ids), not from the {@code categoryPath} stored in listing documents: that path is what the article's event said,
 * and a category moved or re-parented since does not rewrite listings, yet must show in the right subtree at once.
 */
@RestController
class ListingController {

    static final Sort LISTING_ORDER = Sort.by(Sort.Order.desc("pinned"), Sort.Order.desc("sortRank"),
            Sort.Order.desc("publishedAt"), Sort.Order.desc("_id"));

    private final MongoTemplate mongo;
    private final CategoryService categories;
    private final CategoryReads reads;
    private final JsonMapper json;
    private final ListingOrder order;
    private final MovedCategories moved;

    ListingController(MongoTemplate mongo, CategoryService categories, CategoryReads reads, JsonMapper json,
            ListingOrder order, MovedCategories moved) {
        this.order = order;
        this.moved = moved;
        this.mongo = mongo;
        this.categories = categories;
        this.reads = reads;
        this.json = json;
    }

    /**
     * The first page (no cursor) is what readers ask for most: its JSON is kept by {@link CategoryReads} until the
     * next listing or tree change. Later pages are built each time. Either way the order and the total come from
     * memory ({@link ListingOrder}) and only the page's documents from the store.
     */
    @GetMapping("/api/categories/" + CategoryIds.PATH_VARIABLE + "/articles")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ListingPage.class)))
    ResponseEntity<byte[]> list(@PathVariable String id,
            @RequestParam(defaultValue = "category") String scope,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @RequestParam(required = false) @Size(max = 400) String cursor) {
        byte[] body;
        if (cursor == null || cursor.isBlank()) {
            body = reads.json("articles:" + id + ":" + scope + ":" + size, () -> page(id, scope, size, null));
        } else {
            body = json.writeValueAsBytes(page(id, scope, size, cursor));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private ListingPage page(String id, String scope, int size, String cursor) {
        List<String> ids = switch (scope) {
            case "category" -> List.of(categories.get(id).id());
            case "subtree" -> categories.subtreeIds(id);
            default -> throw ProblemException.badRequest("scope", "must be 'category' or 'subtree'");
        };
        ListingCursor after = cursor == null || cursor.isBlank() ? null : ListingCursor.decode(cursor);
        if (order.isLoaded()) {
            return fromMemory(ids, size, after);
        }
        Criteria listed = where("listed").is(true).and("categoryId").in(ids);
        long total = mongo.count(Query.query(listed), ListedArticle.class);

        Criteria page = after == null ? listed : new Criteria().andOperator(listed, after.itemsAfter());
        List<ListedArticle> found = new ArrayList<>(mongo.find(Query.query(page).with(LISTING_ORDER).limit(size + 1),
                ListedArticle.class));
        return pageOf(found, size, total);
    }

    /**
     * The page's order and total from memory ({@link ListingOrder}); only its own documents from the store, by id.
     * A document not written yet (this replica heard the event before the projection stored it) is left out until
     * the projection's write makes the page be built again.
     */
    private ListingPage fromMemory(List<String> ids, int size, ListingCursor after) {
        ListingOrder.Page page = order.page(ids, after == null ? null : ListingOrder.Key.of(after), size + 1,
                moved.now());
        Map<String, ListedArticle> stored = new HashMap<>();
        if (!page.articleIds().isEmpty()) {
            mongo.find(Query.query(where("_id").in(page.articleIds())), ListedArticle.class)
                    .forEach(article -> stored.put(article.articleId(), article));
        }
        List<ListedArticle> found = new ArrayList<>();
        for (String articleId : page.articleIds()) {
            ListedArticle article = stored.get(articleId);
            if (article != null && article.listed()) {
                found.add(article);
            }
        }
        return pageOf(found, size, page.total());
    }

    private static ListingPage pageOf(List<ListedArticle> found, int size, long total) {
        String next = null;
        if (found.size() > size) {
            found = found.subList(0, size);
            next = ListingCursor.after(found.get(size - 1)).encode();
        }
        return new ListingPage(List.copyOf(found), next, size, total);
    }

    /**
     * @param nextCursor pass as {@code cursor} for the following page; null on the last page
     * @param total      how many articles the listing has in all (not only after the cursor)
     */
    record ListingPage(List<ListedArticle> items, String nextCursor, int size, long total) {
    }
}
