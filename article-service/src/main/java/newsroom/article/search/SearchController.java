package newsroom.article.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import newsroom.platform.web.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Full-text search over published articles, for anyone. */
@RestController
@Tag(name = "Search", description = "Word-segmented full-text search over published articles")
class SearchController {

    static final int DEFAULT_SIZE = 10;
    static final int MAX_SIZE = 50;
    private static final int MAX_CATEGORY_LENGTH = 64;

    private final SearchIndex index;

    SearchController(SearchIndex index) {
        this.index = index;
    }

    @GetMapping("/api/search")
    @Operation(summary = "Search published articles",
            description = "Chinese text is segmented into words (数字经济 finds 打造数字经济时代产业创新集群), English is "
                    + "lower-cased and stemmed, mixed text (智慧城市news) works. Every word must match somewhere in "
                    + "title, summary, body, keywords or source; a title match weighs most. \"Quoted words\" must "
                    + "match as a phrase; no other character is syntax. Ranked by relevance, then newer first. "
                    + "`total` counts the matches exactly up to 1,000 (`totalRelation` `eq`); past that it is a lower "
                    + "bound (`totalRelation` `gte`, \"1,000+ results\"). "
                    + "`highlight` is HTML-escaped text in which only the matched words are wrapped in <mark>. "
                    + "Changes are searchable within about a second; drafts, scheduled and unpublished articles are "
                    + "never found.")
    @ApiResponse(responseCode = "200", description = "A page of results")
    @ApiResponse(responseCode = "400", description = "q empty, longer than 200 characters or with an unbalanced "
            + "quote; size not 1-50; a cursor this search did not return",
            content = @Content(mediaType = "application/problem+json"))
    SearchResults search(
            @Parameter(description = "What to look for, 1-200 characters", example = "数字经济")
            @RequestParam(required = false) String q,
            @Parameter(description = "Only articles in this category or below it (a category id)")
            @RequestParam(required = false) String category,
            @Parameter(description = "Results per page, 1-50", schema = @Schema(type = "integer",
                    defaultValue = "10", minimum = "1", maximum = "50"))
            @RequestParam(required = false) String size,
            @Parameter(description = "The nextCursor of the page before")
            @RequestParam(required = false) String cursor) {
        SearchQuery query = SearchQuery.parse(q);
        return index.search(new SearchRequest(query, category(category), size(size), cursor));
    }

    private static int size(String size) {
        if (size == null || size.isBlank()) {
            return DEFAULT_SIZE;
        }
        try {
            int value = Integer.parseInt(size.strip());
            if (value >= 1 && value <= MAX_SIZE) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // the same answer as out of range
        }
        throw ProblemException.badRequest("size", "must be a whole number from 1 to " + MAX_SIZE);
    }

    private static String category(String category) {
        if (category == null || category.isBlank()) {
            return null;
        }
        if (category.length() > MAX_CATEGORY_LENGTH) {
            throw ProblemException.badRequest("category", "must be a category id");
        }
        return category.strip();
    }
}
