package newsroom.portal.console;

import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.RestClients;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * article-service's media library API, on behalf of the signed-in {@link ConsoleUser}: upload (re-sent as multipart
 * with the user's credentials, so article-service decides and records who uploaded) and the newest images.
 */
@Component
class MediaClient {

    private final RestClient http;

    MediaClient(PortalProperties properties, HttpClient backendHttpClient,
            ObjectProvider<ObservationRegistry> observations) {
        // Uploads of up to 10 MB are decoded and re-encoded before article-service answers: allow more than a read.
        Duration timeout = properties.getServices().getReadTimeout().multipliedBy(5);
        this.http = RestClients.builder(properties.getServices().getArticleUrl(), backendHttpClient, timeout,
                observations.getIfAvailable()).build();
    }

    JsonNode upload(ConsoleUser user, String filename, byte[] bytes) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return filename == null || filename.isBlank() ? "upload" : filename;
            }
        });
        return ServiceCalls.call(EditorialClient.SERVICE, () -> http.post().uri("/api/media")
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .contentType(MediaType.MULTIPART_FORM_DATA).body(parts)
                .retrieve().body(JsonNode.class));
    }

    JsonNode list(ConsoleUser user, int size) {
        return ServiceCalls.call(EditorialClient.SERVICE, () -> http.get().uri("/api/media?size={size}", size)
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .retrieve().body(JsonNode.class));
    }
}
