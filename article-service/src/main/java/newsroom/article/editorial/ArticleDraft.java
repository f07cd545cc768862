package newsroom.article.editorial;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What an editor writes: the body of create requests. */
public record ArticleDraft(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 200) String subtitle,
        @Size(max = 1000) String summary,
        @NotBlank @Size(max = 200_000) String body,
        @Size(max = 100) String source,
        @Size(max = 100) String writer,
        @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String coverImageUrl,
        @Size(max = 20) List<@NotBlank @Size(max = 40) String> keywords,
        @NotBlank @Size(max = 24) String categoryId,
        @Size(max = 120)
        @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case letters, digits and single hyphens")
        String slug,
        Boolean headline,
        Boolean recommended,
        Boolean pinned,
        Integer sortRank) {
}
