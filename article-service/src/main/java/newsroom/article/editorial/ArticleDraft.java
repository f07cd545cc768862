package newsroom.article.editorial;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What an editor writes: the body of create and update (PUT, the whole article) requests. The body is rich HTML and
 * is sanitized on the way in; every other text is plain text (rendered escaped), without control characters.
 */
public record ArticleDraft(
        @NotBlank @Size(max = 200) @Pattern(regexp = PLAIN, message = NO_CONTROL) String title,
        @Size(max = 200) @Pattern(regexp = PLAIN, message = NO_CONTROL) String subtitle,
        @Size(max = 1000) @Pattern(regexp = PLAIN_MULTILINE, message = NO_CONTROL) String summary,
        @NotBlank @Size(max = 200_000) String body,
        @Size(max = 100) @Pattern(regexp = PLAIN, message = NO_CONTROL) String source,
        @Size(max = 100) @Pattern(regexp = PLAIN, message = NO_CONTROL) String writer,
        @Size(max = 500) @Pattern(regexp = "https?://\\S+|/media/[0-9A-Za-z_-]+/[a-z]+",
                message = "must be an http(s) URL or a media library path (/media/{id}/content)") String coverImageUrl,
        @Size(max = 20) List<@NotBlank @Size(max = 40) @Pattern(regexp = PLAIN, message = NO_CONTROL) String> keywords,
        @NotBlank @Size(max = 24) String categoryId,
        @Size(max = 120)
        @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case letters, digits and single hyphens")
        String slug,
        @Size(max = 200) @Pattern(regexp = PLAIN, message = NO_CONTROL) String seoTitle,
        @Size(max = 500) @Pattern(regexp = PLAIN_MULTILINE, message = NO_CONTROL) String seoDescription,
        Boolean headline,
        Boolean recommended,
        Boolean pinned,
        @Min(-1_000_000) @Max(1_000_000) Integer sortRank) {

    static final String PLAIN = "[^\\p{Cntrl}]*";
    static final String PLAIN_MULTILINE = "[^\\p{Cntrl}]*([\\r\\n\\t]+[^\\p{Cntrl}]*)*";
    static final String NO_CONTROL = "must not contain control characters";
}
