package newsroom.article.editorial;

import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The editors' API. Readers use {@code /api/articles}, which never shows unpublished work. */
@RestController
@RequestMapping("/api/editorial/articles")
class EditorialController {

    private final ArticleEditor editor;

    EditorialController(ArticleEditor editor) {
        this.editor = editor;
    }

    @PostMapping
    ResponseEntity<EditorialArticleView> create(@Valid @RequestBody ArticleDraft draft) {
        Article created = editor.createDraft(draft);
        return ResponseEntity.created(URI.create("/api/editorial/articles/" + created.getId()))
                .body(EditorialArticleView.of(created));
    }

    @GetMapping("/{id}")
    EditorialArticleView get(@PathVariable String id) {
        return EditorialArticleView.of(editor.get(id));
    }

    @PostMapping("/{id}/publish")
    EditorialArticleView publish(@PathVariable String id) {
        return EditorialArticleView.of(editor.publish(id));
    }
}
