package newsroom.category.listing;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import newsroom.category.tree.CategoryService;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Per-category article listings: pinned first, then sort rank, then newest. */
@RestController
@Validated
class ListingController {

    static final Sort LISTING_ORDER = Sort.by(Sort.Order.desc("pinned"), Sort.Order.desc("sortRank"),
            Sort.Order.desc("publishedAt"), Sort.Order.desc("_id"));

    private final MongoTemplate mongo;
    private final CategoryService categories;

    ListingController(MongoTemplate mongo, CategoryService categories) {
        this.mongo = mongo;
        this.categories = categories;
    }

    @GetMapping("/api/categories/{id}/articles")
    ListingPage list(@PathVariable String id,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        categories.get(id);
        Query inCategory = query(where("categoryId").is(id).and("listed").is(true));
        long total = mongo.count(inCategory, ListedArticle.class);
        List<ListedArticle> items = mongo.find(Query.of(inCategory).with(LISTING_ORDER).skip((long) page * size)
                .limit(size), ListedArticle.class);
        return new ListingPage(items, page, size, total);
    }

    record ListingPage(List<ListedArticle> items, int page, int size, long total) {
    }
}
