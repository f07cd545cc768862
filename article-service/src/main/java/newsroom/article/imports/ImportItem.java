package newsroom.article.imports;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * One article of an import batch, as the importer mapped it from the old system. Checked one by one: an item that
 * fails is reported and skipped, the rest of the batch goes on.
 *
 * @param sourceId     the article's id in the old system (DedeCMS's aid): the same id imports into the same article
 * @param status       {@code PUBLISHED} (dated {@code originallyPublishedAt}) or {@code IN_REVIEW}
 * @param clicks       the old system's unfiltered click count: a baseline stats-service shows beside counted views
 * @param legacyPaths  the article's old addresses (path and query), which will answer 301 to its new one
 */
public record ImportItem(
        @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "must be letters, digits, _ . -")
        String sourceId,
        @NotBlank @Size(max = 200) @Pattern(regexp = PLAIN, message = NO_CONTROL) String title,
        @Size(max = 200) @Pattern(regexp = PLAIN, message = NO_CONTROL) String subtitle,
        @Size(max = 1000) @Pattern(regexp = PLAIN_MULTILINE, message = NO_CONTROL) String summary,
        @NotBlank @Size(max = 200_000) String body,
        @Size(max = 100) @Pattern(regexp = PLAIN, message = NO_CONTROL) String source,
        @Size(max = 100) @Pattern(regexp = PLAIN, message = NO_CONTROL) String writer,
        @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String coverImageUrl,
        @Size(max = 20) List<@NotBlank @Size(max = 40) @Pattern(regexp = PLAIN, message = NO_CONTROL) String> keywords,
        @Size(max = 500) @Pattern(regexp = PLAIN_MULTILINE, message = NO_CONTROL) String seoDescription,
        @NotBlank @Size(max = 24) String categoryId,
        @NotNull Status status,
        @PastOrPresent Instant originallyPublishedAt,
        Boolean headline,
        Boolean recommended,
        Boolean pinned,
        @Min(0) @Max(Long.MAX_VALUE) Long clicks,
        @Size(max = 10) List<@NotBlank @Size(max = 500) @Pattern(regexp = "/\\S*", message = "must be a path")
                String> legacyPaths) {

    static final String PLAIN = "[^\\p{Cntrl}]*";
    static final String PLAIN_MULTILINE = "[^\\p{Cntrl}]*([\\r\\n\\t]+[^\\p{Cntrl}]*)*";
    static final String NO_CONTROL = "must not contain control characters";

    public enum Status { PUBLISHED, IN_REVIEW }
}
