package newsroom.category.tree;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/categories")
class CategoryController {

    private final CategoryService service;

    CategoryController(CategoryService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<CategoryView> create(@Valid @RequestBody NewCategory request) {
        Category created = service.create(request);
        return ResponseEntity.created(URI.create("/api/categories/" + created.id())).body(CategoryView.of(created));
    }

    @GetMapping
    List<CategoryView> tree(@RequestParam(defaultValue = "false") boolean includeHidden) {
        return service.tree(includeHidden);
    }

    @GetMapping("/{id}")
    CategoryView get(@PathVariable String id) {
        return CategoryView.of(service.get(id));
    }

    @GetMapping("/{id}/breadcrumb")
    List<CategoryView> breadcrumb(@PathVariable String id) {
        return service.breadcrumb(id).stream().map(CategoryView::of).toList();
    }

    @GetMapping("/{id}/siblings")
    List<CategoryView> siblings(@PathVariable String id) {
        return service.siblings(id).stream().map(CategoryView::of).toList();
    }

    @GetMapping("/{id}/children")
    List<CategoryView> children(@PathVariable String id) {
        return service.children(id).stream().map(CategoryView::of).toList();
    }
}
