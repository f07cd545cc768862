package newsroom.portal.console;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** A page of article-service's {@code GET /api/editorial/desk}: the console's article list. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeskPage(List<Row> items, String nextCursor, long total, String sort) {

    public DeskPage {
        items = items == null ? List.of() : items;
    }

    /** One article: no body; {@code views} are stats-service's counted views. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(String id, String title, String status, String categoryId, String createdBy, String writer,
            Instant updatedAt, Instant publishedAt, long views) {
    }

    /** What the console asks for; blank fields are left out of the request. */
    public record Filter(String status, String category, String author, String q, String sort, String cursor) {
    }
}
