package newsroom.article.editorial;

import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * An editor's verdict on an article in review. Approving publishes it now, or schedules it when {@code publishAt}
 * is given; rejecting sends it back to its writer as a draft, with the note saying what to change.
 *
 * @param originallyPublishedAt for content moved from another site (like the seed page): publish now, but keep
 *                              the date it first appeared, which must be in the past; readers and feeds show it
 */
public record ReviewDecision(@Size(max = 2000) String note, Instant publishAt, @Past Instant originallyPublishedAt) {
}
