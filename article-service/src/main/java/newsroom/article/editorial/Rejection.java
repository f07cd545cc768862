package newsroom.article.editorial;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Sends an article in review back to draft: the note tells the writer what to change. */
public record Rejection(@NotBlank @Size(max = 2000) String note) {
}
