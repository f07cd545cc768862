package newsroom.article.editorial;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The editors' API (writers, editors, admins; HTTP Basic or a bearer token). Readers use {@code /api/articles},
 * which never shows unpublished work. Every response carries the article's ETag; updates need it in If-Match.
 */
@RestController
@RequestMapping("/api/editorial/articles")
@Tag(name = "Editorial", description = "Write, review, schedule and publish articles")
@SecurityRequirement(name = "basicAuth")
@SecurityRequirement(name = "bearerAuth")
class EditorialController {

    private final ArticleEditor editor;
    private final Callers callers;

    EditorialController(ArticleEditor editor, Callers callers) {
        this.editor = editor;
        this.callers = callers;
    }

    record ArticlePage(List<EditorialArticleView> items, int page, int size, long total) {
    }

    @GetMapping
    @Operation(summary = "List articles by state (review queue: status=IN_REVIEW; my drafts: status=DRAFT&createdBy=me)")
    ArticlePage list(@RequestParam(required = false) List<ArticleStatus> status,
            @Parameter(description = "user name, or 'me'; writers always see only their own")
            @RequestParam(required = false) String createdBy,
            @RequestParam(required = false) String categoryId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Caller caller = callers.current();
        String owner = "me".equals(createdBy) ? caller.username() : createdBy;
        ArticleEditor.Listing listing = editor.list(status, owner, categoryId, page, size, caller);
        return new ArticlePage(listing.items().stream().map(EditorialArticleView::of).toList(), listing.page(),
                listing.size(), listing.total());
    }

    @PostMapping
    @Operation(summary = "Write a new draft; with publish=true, write it and publish it at once (editors)")
    ResponseEntity<EditorialArticleView> create(@Valid @RequestBody ArticleDraft draft,
            @Parameter(description = "true: publish in the same call (one revision, CREATED_PUBLISHED); editors only")
            @RequestParam(defaultValue = "false") boolean publish) {
        Article created = publish ? editor.createPublished(draft, callers.current())
                : editor.createDraft(draft, callers.current());
        return ResponseEntity.created(URI.create("/api/editorial/articles/" + created.getId()))
                .eTag(ETags.of(created)).body(EditorialArticleView.of(created));
    }

    @GetMapping("/{id}")
    ResponseEntity<EditorialArticleView> get(@PathVariable String id) {
        return view(editor.get(id, callers.current()));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace the article's content; needs If-Match with its ETag (428 without, 412 when stale)")
    ResponseEntity<EditorialArticleView> update(@PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody ArticleDraft draft) {
        return view(editor.update(id, draft, ETags.optional(ifMatch), callers.current()));
    }

    @PutMapping("/{id}/autosave")
    @Operation(summary = "Autosave the working copy of unpublished work: like PUT, but no revision is made (the next "
            + "save or workflow step records one); needs If-Match (412 when someone else saved meanwhile); "
            + "a published article: 409")
    ResponseEntity<EditorialArticleView> autosave(@PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody ArticleDraft draft) {
        return view(editor.autosave(id, draft, ETags.optional(ifMatch), callers.current()));
    }

    @PostMapping("/{id}/submit")
    @Operation(summary = "Send a draft to review (its writer or an editor)")
    ResponseEntity<EditorialArticleView> submit(@PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return view(editor.submit(id, ETags.optional(ifMatch), callers.current()));
    }

    @PostMapping("/{id}/approve")
    @Operation(summary = "Approve an article in review: publish now, or schedule it with publishAt (editors)")
    ResponseEntity<EditorialArticleView> approve(@PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody(required = false) ReviewDecision decision) {
        return view(editor.approve(id, decision, ETags.optional(ifMatch), callers.current()));
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "Send an article in review back to draft, with a note for the writer (editors)")
    ResponseEntity<EditorialArticleView> reject(@PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody Rejection rejection) {
        return view(editor.reject(id, rejection, ETags.optional(ifMatch), callers.current()));
    }

    @PostMapping("/{id}/schedule")
    @Operation(summary = "Publish automatically at publishAt (editors)")
    ResponseEntity<EditorialArticleView> schedule(@PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody ScheduleRequest request) {
        return view(editor.schedule(id, request.publishAt(), ETags.optional(ifMatch), callers.current()));
    }

    @PostMapping("/{id}/unschedule")
    @Operation(summary = "Cancel a scheduled publication; the article becomes a draft again (editors)")
    ResponseEntity<EditorialArticleView> unschedule(@PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return view(editor.unschedule(id, ETags.optional(ifMatch), callers.current()));
    }

    @PostMapping("/{id}/publish")
    @Operation(summary = "Publish now (editors)")
    ResponseEntity<EditorialArticleView> publish(@PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return view(editor.publish(id, ETags.optional(ifMatch), callers.current()));
    }

    @PostMapping("/{id}/unpublish")
    @Operation(summary = "Take a published article off the site (editors)")
    ResponseEntity<EditorialArticleView> unpublish(@PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return view(editor.unpublish(id, ETags.optional(ifMatch), callers.current()));
    }

    static ResponseEntity<EditorialArticleView> view(Article article) {
        return ResponseEntity.ok().eTag(ETags.of(article)).body(EditorialArticleView.of(article));
    }
}
