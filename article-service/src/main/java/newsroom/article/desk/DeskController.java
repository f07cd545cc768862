package newsroom.article.desk;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import newsroom.article.editorial.ArticleStatus;
import newsroom.article.editorial.Caller;
import newsroom.article.editorial.Callers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's article list: every state, filtered, searched and paged with a cursor, from the in-memory
 * {@link DeskIndex}. {@code Server-Timing: desk;dur=…} is the time spent on the page, in milliseconds.
 */
@RestController
@Tag(name = "Editorial", description = "Write, review, schedule and publish articles")
@SecurityRequirement(name = "basicAuth")
@SecurityRequirement(name = "bearerAuth")
class DeskController {

    private final DeskIndex index;
    private final Callers callers;

    DeskController(DeskIndex index, Callers callers) {
        this.index = index;
        this.callers = callers;
    }

    record DeskRow(String id, String title, ArticleStatus status, String categoryId, String createdBy, String writer,
            Instant updatedAt, Instant publishedAt, long views) {

        static DeskRow of(DeskEntry e) {
            return new DeskRow(e.id(), e.title(), e.status(), e.categoryId(), e.createdBy(), e.writer(),
                    Instant.ofEpochMilli(e.updatedAt()), e.publishedAt(), e.views());
        }
    }

    record DeskPage(List<DeskRow> items, String nextCursor, long total, String sort) {
    }

    @GetMapping("/api/editorial/desk")
    @Operation(summary = "The console's article list: every state, newest change or most views first, with a cursor",
            description = "q searches titles (a part of one, any state, case-insensitive) and ids; full-text search "
                    + "of published articles is /api/search. Views are stats-service's counted views, polled every "
                    + "few seconds. Writers see only their own articles.")
    ResponseEntity<DeskPage> list(
            @Parameter(description = "DRAFT, IN_REVIEW, SCHEDULED, PUBLISHED, UNPUBLISHED; comma-separated or repeated")
            @RequestParam(required = false) List<String> status,
            @Parameter(description = "a category id: articles in it or below it")
            @RequestParam(required = false) String category,
            @Parameter(description = "the account that created the article, or 'me'")
            @RequestParam(required = false) String author,
            @Parameter(description = "a part of the title, or an article id")
            @RequestParam(required = false) String q,
            @Parameter(description = "updated (default) or views")
            @RequestParam(required = false) String sort,
            @Parameter(description = "1 to 100, default 20")
            @RequestParam(required = false) String size,
            @Parameter(description = "nextCursor of the previous page")
            @RequestParam(required = false) String cursor) {
        long start = System.nanoTime();
        Caller caller = callers.current();
        String owner = !caller.isEditor() || "me".equals(author) ? caller.username() : author;
        DeskQuery query = DeskQuery.parse(status, category, owner, q, sort, size, cursor);
        DeskIndex.Page page = index.page(query);
        DeskPage body = new DeskPage(page.items().stream().map(DeskRow::of).toList(), page.nextCursor(),
                page.total(), query.sort().name().toLowerCase(Locale.ROOT));
        String took = String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e6);
        return ResponseEntity.ok().header("Server-Timing", "desk;dur=" + took).body(body);
    }
}
