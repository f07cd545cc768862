package newsroom.article.editorial;

import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * An editor's verdict on an article in review. Approving publishes it now, or schedules it when {@code publishAt}
 * is given; rejecting sends it back to its writer as a draft, with the note saying what to change.
 */
public record ReviewDecision(@Size(max = 2000) String note, Instant publishAt) {
}
