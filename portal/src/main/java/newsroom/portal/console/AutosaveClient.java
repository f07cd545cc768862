package newsroom.portal.console;

import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.util.Map;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.RestClients;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * article-service's autosave of an article's working copy ({@code PUT .../autosave}), with the signed-in user's
 * credentials and the ETag the page holds: no revision per autosave, 412 when someone else saved meanwhile.
 */
@Component
class AutosaveClient {

    private final RestClient http;

    AutosaveClient(PortalProperties properties, HttpClient backendHttpClient,
            ObjectProvider<ObservationRegistry> observations) {
        this.http = RestClients.builder(properties.getServices().getArticleUrl(), backendHttpClient,
                properties.getServices().getReadTimeout(), observations.getIfAvailable()).build();
    }

    EditorialArticle autosave(ConsoleUser user, String id, String etag, Map<String, Object> draft) {
        return ServiceCalls.call(EditorialClient.SERVICE, () -> http.put()
                .uri("/api/editorial/articles/{id}/autosave", id)
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .header(HttpHeaders.IF_MATCH, etag == null ? "" : etag)
                .contentType(MediaType.APPLICATION_JSON).body(draft)
                .retrieve().body(EditorialArticle.class));
    }
}
