package newsroom.category.tree;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The category tree. Reads are for everyone; writes (POST, PATCH, PUT, DELETE, move) are editorial.
 * Every refusal is RFC 9457 problem+json with the offending field in {@code errors}. Reads are answered from
 * memory ({@link CategoryReads}).
 */
@RestController
@RequestMapping("/api/categories")
class CategoryController {

    private final CategoryService service;
    private final CategoryReads reads;

    CategoryController(CategoryService service, CategoryReads reads) {
        this.service = service;
        this.reads = reads;
    }

    @PostMapping
    ResponseEntity<CategoryView> create(@Valid @RequestBody NewCategory request) {
        Category created = service.create(request);
        return ResponseEntity.created(URI.create("/api/categories/" + created.id())).body(CategoryView.of(created));
    }

    /** Rename, re-slug, reorder, hide or show: only the fields given change. */
    @PatchMapping("/" + CategoryIds.PATH_VARIABLE)
    CategoryView patch(@PathVariable String id, @Valid @RequestBody CategoryChanges changes) {
        return CategoryView.of(service.update(id, changes));
    }

    /** Replaces name, slug, sort order and hidden at once. */
    @PutMapping("/" + CategoryIds.PATH_VARIABLE)
    CategoryView put(@PathVariable String id, @Valid @RequestBody CategoryReplacement replacement) {
        return CategoryView.of(service.update(id, replacement.asChanges()));
    }

    /** Moves the category and its subtree under another parent (or to the top, with no parentId). */
    @PostMapping("/" + CategoryIds.PATH_VARIABLE + "/move")
    CategoryView move(@PathVariable String id, @Valid @RequestBody MoveRequest request) {
        return CategoryView.of(service.move(id, request));
    }

    /** Deletes an empty category, or one whose articles go to {@code moveArticlesTo}. */
    @DeleteMapping("/" + CategoryIds.PATH_VARIABLE)
    ResponseEntity<Void> delete(@PathVariable String id,
            @RequestParam(required = false) @Size(max = 24) String moveArticlesTo) {
        service.delete(id, moveArticlesTo);
        return ResponseEntity.noContent().build();
    }

    /** The whole tree with direct and subtree article counts, in one call. */
    @GetMapping
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(
            schema = @Schema(implementation = CategoryView.class))))
    ResponseEntity<byte[]> tree(@RequestParam(defaultValue = "false") boolean includeHidden) {
        return json(reads.json("tree:" + includeHidden, () -> service.tree(includeHidden)));
    }

    @GetMapping("/" + CategoryIds.PATH_VARIABLE)
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CategoryView.class)))
    ResponseEntity<byte[]> get(@PathVariable String id) {
        return json(reads.json("get:" + id, () -> CategoryView.of(service.get(id))));
    }

    /** A category by its slugs from the root, e.g. {@code /api/categories/by-path/news/park-planning}. */
    @GetMapping("/by-path/{*slugs}")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CategoryView.class)))
    ResponseEntity<byte[]> byPath(@PathVariable String slugs) {
        List<String> parts = Arrays.stream(slugs.split("/")).filter(s -> !s.isBlank()).toList();
        return json(reads.json("path:" + String.join("/", parts), () -> CategoryView.of(service.byPath(parts))));
    }

    @GetMapping("/" + CategoryIds.PATH_VARIABLE + "/breadcrumb")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(
            schema = @Schema(implementation = CategoryView.class))))
    ResponseEntity<byte[]> breadcrumb(@PathVariable String id) {
        return json(reads.json("breadcrumb:" + id, () -> views(service.breadcrumb(id))));
    }

    @GetMapping("/" + CategoryIds.PATH_VARIABLE + "/siblings")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(
            schema = @Schema(implementation = CategoryView.class))))
    ResponseEntity<byte[]> siblings(@PathVariable String id) {
        return json(reads.json("siblings:" + id, () -> views(service.siblings(id))));
    }

    @GetMapping("/" + CategoryIds.PATH_VARIABLE + "/children")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(
            schema = @Schema(implementation = CategoryView.class))))
    ResponseEntity<byte[]> children(@PathVariable String id) {
        return json(reads.json("children:" + id, () -> views(service.children(id))));
    }

    private static List<CategoryView> views(List<Category> categories) {
        return categories.stream().map(CategoryView::of).toList();
    }

    /** Reads answer JSON serialised once per change by {@link CategoryReads}. */
    private static ResponseEntity<byte[]> json(byte[] body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
