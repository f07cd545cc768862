package newsroom.article.imports;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A batch of articles from one old site. {@code system} and {@code site} together with each item's
 * {@code sourceId} identify the article across runs.
 */
public record ImportRequest(
        @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "must be letters, digits, _ . -")
        String system,
        @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\s\\p{Cntrl}]+", message = "must be one word, e.g. a host")
        String site,
        @NotNull @Size(min = 1, max = ImportRequest.MAX_ITEMS) List<ImportItem> items) {

    public static final int MAX_ITEMS = 1000;
}
