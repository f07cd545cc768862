package newsroom.portal.backend;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A page of a category listing. category-service pages with an opaque cursor ({@code nextCursor}, null on the last
 * page); {@code page} is read too, for a service that still pages by number.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Listing(List<ListedArticle> items, String nextCursor, Integer page, Integer size, Long total) {

    public Listing {
        items = items == null ? List.of() : items;
    }

    public static Listing empty() {
        return new Listing(List.of(), null, null, null, 0L);
    }
}
