package newsroom.portal.backend;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/** article-service's reader side: published articles, related articles, the view beacon and the feeds. */
@Component
public class ArticleReader {

    private static final Logger log = LoggerFactory.getLogger(ArticleReader.class);

    private final Backend backend;

    ArticleReader(@Qualifier("articleBackend") Backend backend) {
        this.backend = backend;
    }

    /**
     * The published article, empty when article-service says 404 (never published, unpublished, or no such id).
     *
     * @throws ServiceUnavailableException when article-service cannot answer: the page cannot be shown
     */
    public Optional<Article> article(String id) {
        return backend.get(Article.class, "/api/articles/{id}", id);
    }

    /** Related articles; empty when the service has no such endpoint, or cannot answer now (the block is hidden). */
    public List<ArticleTeaser> related(String id, int limit) {
        try {
            return backend.get(ArticleTeaser[].class, "/api/articles/{id}/related?limit={limit}", id, limit)
                    .map(Arrays::asList).orElse(List.of());
        } catch (ServiceUnavailableException | HttpClientErrorException e) {
            log.debug("No related articles for {}: {}", id, e.getMessage());
            return List.of();
        }
    }

    /** What the reader's browser told us, passed on so that article-service sees the reader, not the portal. */
    public record Visit(String clientAddress, String userAgent, String acceptLanguage, String referer) {
    }

    /**
     * Forwards a view beacon to article-service. The reader's address goes in X-Forwarded-For (article-service
     * trusts it from internal proxies only), with their User-Agent and Accept-Language, which it uses to recognise
     * bots and returning visitors.
     *
     * @return article-service's status code (202 counted, 404 not a published article, 4xx refused)
     * @throws ServiceUnavailableException when article-service cannot answer
     */
    public int view(String id, String body, Visit visit) {
        return backend.call(() -> {
            try {
                var request = backend.client().post().uri("/api/articles/{id}/views", id)
                        .headers(headers -> {
                            headers.set("X-Forwarded-For", visit.clientAddress());
                            setIfPresent(headers, HttpHeaders.USER_AGENT, visit.userAgent());
                            setIfPresent(headers, HttpHeaders.ACCEPT_LANGUAGE, visit.acceptLanguage());
                            setIfPresent(headers, HttpHeaders.REFERER, visit.referer());
                        });
                if (body != null && !body.isBlank()) {
                    request = request.contentType(MediaType.APPLICATION_JSON).body(body);
                }
                return request.retrieve().toBodilessEntity().getStatusCode().value();
            } catch (HttpClientErrorException e) {
                return e.getStatusCode().value();
            }
        });
    }

    /**
     * An RSS feed or the sitemap, as article-service writes it (its links already point at the portal's public
     * address, {@code NEWSROOM_PUBLIC_BASE_URL}).
     */
    public Optional<ResponseEntity<byte[]>> feed(String path) {
        return backend.call(() -> {
            try {
                return Optional.of(backend.client().get().uri(path).retrieve().toEntity(byte[].class));
            } catch (HttpClientErrorException e) {
                return Optional.empty();
            }
        });
    }

    private static void setIfPresent(HttpHeaders headers, String name, String value) {
        if (value != null && !value.isBlank()) {
            headers.set(name, value);
        }
    }
}
