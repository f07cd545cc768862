package newsroom.portal.console;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A page of {@code GET /api/editorial/articles}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EditorialPage(List<EditorialArticle> items, int page, int size, long total) {

    public EditorialPage {
        items = items == null ? List.of() : items;
    }
}
