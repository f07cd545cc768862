package newsroom.portal.console;

import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.RestClients;
import org.springframework.beans.factory.ObjectProvider;
import newsroom.portal.backend.Category;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * category-service's tree writes, called with the signed-in admin's access token (category-service checks it
 * against article-service's published keys).
 */
@Component
public class CategoryAdminClient {

    static final String SERVICE = "category-service";

    private final RestClient http;

    CategoryAdminClient(PortalProperties properties, HttpClient backendHttpClient,
            ObjectProvider<ObservationRegistry> observations) {
        this.http = RestClients.builder(properties.getServices().getCategoryUrl(), backendHttpClient,
                properties.getServices().getReadTimeout(), observations.getIfAvailable()).build();
    }

    /** The whole tree, hidden categories included, straight from the service (never cached). */
    public List<Category> tree(ConsoleUser user) {
        return ServiceCalls.call(SERVICE, () -> Arrays.asList(http.get().uri("/api/categories?includeHidden=true")
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .retrieve().body(Category[].class)));
    }

    public Category create(ConsoleUser user, Map<String, Object> category) {
        return ServiceCalls.call(SERVICE, () -> http.post().uri("/api/categories")
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .contentType(MediaType.APPLICATION_JSON).body(category)
                .retrieve().body(Category.class));
    }

    /** Changes only the given fields: name, slug, sortOrder, hidden. */
    public Category change(ConsoleUser user, String id, Map<String, Object> changes) {
        return ServiceCalls.call(SERVICE, () -> http.patch().uri("/api/categories/{id}", id)
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .contentType(MediaType.APPLICATION_JSON).body(changes)
                .retrieve().body(Category.class));
    }
}
