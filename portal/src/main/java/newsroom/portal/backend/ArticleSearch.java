package newsroom.portal.backend;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/** article-service's full-text search ({@code GET /api/search}). */
@Component
public class ArticleSearch {

    private final Backend backend;

    ArticleSearch(@Qualifier("articleBackend") Backend backend) {
        this.backend = backend;
    }

    /**
     * A page of results as article-service returns it; {@code highlight} is escaped text with {@code <mark>}.
     * {@code total} is exact when {@code totalRelation} is {@code "eq"}, a lower bound when it is {@code "gte"}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Results(List<Hit> items, String nextCursor, long total, String totalRelation) {

        public Results {
            items = items == null ? List.of() : items;
        }

        /** Whether there are at least {@code total} results rather than exactly that many. */
        public boolean totalIsLowerBound() {
            return "gte".equals(totalRelation);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Hit(String id, String title, String slug, String summary, Instant publishedAt, String categoryId,
            String highlight) {
    }

    /** The results, or why the query was refused (article-service's 400 problem detail, for the reader). */
    public record Answer(Results results, String refusal) {
    }

    /**
     * Searches; a refused query is an answer, not a failure, so readers' typing never counts against the circuit
     * breaker that guards article pages.
     *
     * @throws ServiceUnavailableException when article-service cannot answer
     */
    public Answer search(String q, String category, String cursor, int size) {
        return backend.call(() -> {
            try {
                Map<String, Object> variables = new HashMap<>();
                variables.put("q", q);
                variables.put("size", size);
                Results results = backend.client().get()
                        .uri(uri -> {
                            uri.path("/api/search").queryParam("q", "{q}").queryParam("size", "{size}");
                            if (category != null) {
                                variables.put("category", category);
                                uri.queryParam("category", "{category}");
                            }
                            if (cursor != null) {
                                variables.put("cursor", cursor);
                                uri.queryParam("cursor", "{cursor}");
                            }
                            return uri.build(variables);
                        })
                        .retrieve().body(Results.class);
                return new Answer(results, null);
            } catch (HttpClientErrorException.BadRequest refused) {
                ProblemDetail problem = refused.getResponseBodyAs(ProblemDetail.class);
                return new Answer(null, problem != null && problem.getDetail() != null
                        ? problem.getDetail() : "query refused");
            }
        });
    }
}
