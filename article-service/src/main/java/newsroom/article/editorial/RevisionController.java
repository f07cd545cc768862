package newsroom.article.editorial;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import newsroom.platform.web.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An article's history: every save, readable, comparable and restorable. */
@RestController
@RequestMapping("/api/editorial/articles/{id}/revisions")
@Tag(name = "Revisions", description = "Every save of an article: list, read, diff, restore")
@SecurityRequirement(name = "basicAuth")
@SecurityRequirement(name = "bearerAuth")
class RevisionController {

    private final ArticleEditor editor;
    private final RevisionStore revisions;
    private final Callers callers;

    RevisionController(ArticleEditor editor, RevisionStore revisions, Callers callers) {
        this.editor = editor;
        this.revisions = revisions;
        this.callers = callers;
    }

    /** A line of the history: who did what when, without the content. */
    record RevisionSummary(long version, String action, String savedBy, Instant savedAt, String note,
            ArticleStatus status, String title) {
        static RevisionSummary of(Revision r) {
            return new RevisionSummary(r.version(), r.action(), r.savedBy(), r.savedAt(), r.note(), r.status(),
                    r.title());
        }
    }

    @GetMapping
    @Operation(summary = "The history, newest first")
    List<RevisionSummary> list(@PathVariable String id) {
        Article article = editor.get(id, callers.current());
        return revisions.history(article).stream().map(RevisionSummary::of).toList();
    }

    @GetMapping("/{version}")
    @Operation(summary = "One revision in full")
    Revision get(@PathVariable String id, @PathVariable long version) {
        return revision(editor.get(id, callers.current()), version);
    }

    @GetMapping("/diff")
    @Operation(summary = "What changed from one version to another (default: to the current one)")
    RevisionDiff.Result diff(@PathVariable String id, @RequestParam long from,
            @RequestParam(required = false) Long to) {
        Article article = editor.get(id, callers.current());
        long target = to == null ? article.currentVersion() : to;
        return RevisionDiff.between(revision(article, from), revision(article, target));
    }

    @PostMapping("/{version}/restore")
    @Operation(summary = "Make an earlier version's content current again, as a new revision (If-Match optional)")
    ResponseEntity<EditorialArticleView> restore(@PathVariable String id, @PathVariable long version,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Caller caller = callers.current();
        Long expected = ETags.optional(ifMatch);
        Article restored = editor.restore(id, version, expected, caller);
        return ResponseEntity.ok().eTag(ETags.of(restored))
                .body(EditorialArticleView.of(restored));
    }

    private Revision revision(Article article, long version) {
        return revisions.get(article, version)
                .orElseThrow(() -> ProblemException.notFound("Revision", article.getId() + "/" + version));
    }
}
