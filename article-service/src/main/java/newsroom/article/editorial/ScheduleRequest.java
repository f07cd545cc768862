package newsroom.article.editorial;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** When to publish: an ISO-8601 instant in the future, e.g. {@code 2026-12-01T08:00:00Z}. */
public record ScheduleRequest(@NotNull Instant publishAt) {
}
