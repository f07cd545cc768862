package newsroom.portal.console;

import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.RestClients;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * article-service's editorial API, called server-side on behalf of the signed-in {@link ConsoleUser} with their
 * access token. Every change sends the article's ETag in If-Match, so an edit based on an old version is refused (412)
 * instead of silently overwriting someone else's. No circuit breaker: these are a person's deliberate actions, and
 * a refusal is shown to them as it is.
 */
@Component
public class EditorialClient {

    static final String SERVICE = "article-service";

    private final RestClient http;

    EditorialClient(PortalProperties properties, HttpClient backendHttpClient,
            ObjectProvider<ObservationRegistry> observations) {
        this.http = RestClients.builder(properties.getServices().getArticleUrl(), backendHttpClient,
                properties.getServices().getReadTimeout(), observations.getIfAvailable()).build();
    }

    /** One page of the console's article list; article-service checks the filter (a bad one is a 400 problem). */
    public DeskPage desk(ConsoleUser user, DeskPage.Filter filter, int size) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("status", filter.status());
        values.put("category", filter.category());
        values.put("author", filter.author());
        values.put("q", filter.q());
        values.put("sort", filter.sort());
        values.put("cursor", filter.cursor());
        values.values().removeIf(v -> v == null || v.toString().isBlank());
        return ServiceCalls.call(SERVICE, () -> http.get().uri(uri -> {
            uri.path("/api/editorial/desk").queryParam("size", size);
            // template variables, so that each value is encoded whole (a '+' or '&' in the search box stays text)
            values.keySet().forEach(name -> uri.queryParam(name, "{" + name + "}"));
            return uri.build(values);
        }).header(HttpHeaders.AUTHORIZATION, user.authorization()).retrieve().body(DeskPage.class));
    }

    public EditorialArticle get(ConsoleUser user, String id) {
        return ServiceCalls.call(SERVICE, () -> http.get().uri("/api/editorial/articles/{id}", id)
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .retrieve().body(EditorialArticle.class));
    }

    public EditorialArticle create(ConsoleUser user, Map<String, Object> draft) {
        return ServiceCalls.call(SERVICE, () -> http.post().uri("/api/editorial/articles")
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .contentType(MediaType.APPLICATION_JSON).body(draft)
                .retrieve().body(EditorialArticle.class));
    }

    public EditorialArticle update(ConsoleUser user, String id, String etag, Map<String, Object> draft) {
        return ServiceCalls.call(SERVICE, () -> http.put().uri("/api/editorial/articles/{id}", id)
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .header(HttpHeaders.IF_MATCH, etag == null ? "" : etag)
                .contentType(MediaType.APPLICATION_JSON).body(draft)
                .retrieve().body(EditorialArticle.class));
    }

    /**
     * A workflow step: submit, approve, reject, schedule, unschedule, publish, unpublish.
     *
     * @param body the step's JSON body (approve: note and publishAt; reject: note; schedule: publishAt), or null
     */
    public EditorialArticle transition(ConsoleUser user, String id, String action, String etag,
            Map<String, Object> body) {
        return ServiceCalls.call(SERVICE, () -> {
            var request = http.post().uri("/api/editorial/articles/{id}/{action}", id, action)
                    .header(HttpHeaders.AUTHORIZATION, user.authorization());
            if (etag != null && !etag.isBlank()) {
                request = request.header(HttpHeaders.IF_MATCH, etag);
            }
            if (body != null) {
                request = request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.retrieve().body(EditorialArticle.class);
        });
    }

    public List<RevisionSummary> revisions(ConsoleUser user, String id) {
        return ServiceCalls.call(SERVICE, () -> Arrays.asList(http.get()
                .uri("/api/editorial/articles/{id}/revisions", id)
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .retrieve().body(RevisionSummary[].class)));
    }

    public RevisionDetail revision(ConsoleUser user, String id, long version) {
        return ServiceCalls.call(SERVICE, () -> http.get()
                .uri("/api/editorial/articles/{id}/revisions/{version}", id, version)
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .retrieve().body(RevisionDetail.class));
    }

    public RevisionDiff diff(ConsoleUser user, String id, long from) {
        return ServiceCalls.call(SERVICE, () -> http.get()
                .uri("/api/editorial/articles/{id}/revisions/diff?from={from}", id, from)
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .retrieve().body(RevisionDiff.class));
    }

    public EditorialArticle restore(ConsoleUser user, String id, long version, String etag) {
        return ServiceCalls.call(SERVICE, () -> {
            var request = http.post().uri("/api/editorial/articles/{id}/revisions/{version}/restore", id, version)
                    .header(HttpHeaders.AUTHORIZATION, user.authorization());
            if (etag != null && !etag.isBlank()) {
                request = request.header(HttpHeaders.IF_MATCH, etag);
            }
            return request.retrieve().body(EditorialArticle.class);
        });
    }

    /** Builds the JSON body of a schedule or approve step. */
    static Map<String, Object> body(String key, Object value, String key2, Object value2) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (value != null) {
            body.put(key, value instanceof Instant instant ? instant.toString() : value);
        }
        if (key2 != null && value2 != null) {
            body.put(key2, value2 instanceof Instant instant ? instant.toString() : value2);
        }
        return body;
    }
}
