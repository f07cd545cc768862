package newsroom.portal.media;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.regex.Pattern;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.RestClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * The media library's images on the portal's own origin ({@code /media/{id}/{variant}}, the paths article bodies
 * use), so pages need no second host and the CSP's {@code img-src 'self'} covers them. Variants never change once
 * stored, so a fetched one is kept in a bounded in-memory cache and answered from there — with article-service's
 * ETag and a year's {@code immutable} Cache-Control for browsers and CDNs in front.
 */
@RestController
class MediaProxyController {

    private static final Logger log = LoggerFactory.getLogger(MediaProxyController.class);
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z_-]{1,40}");
    private static final Pattern VARIANT = Pattern.compile("[a-z]{1,20}");
    private static final CacheControl FOREVER = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final RestClient articleService;
    private final Cache<String, CachedImage> cache;

    record CachedImage(String mediaType, String etag, byte[] bytes) {
    }

    MediaProxyController(PortalProperties properties, HttpClient backendHttpClient,
            ObjectProvider<ObservationRegistry> observations,
            @Value("${portal.media.cache-size:64MB}") DataSize cacheSize) {
        this.articleService = RestClients.builder(properties.getServices().getArticleUrl(), backendHttpClient,
                properties.getServices().getReadTimeout(), observations.getIfAvailable()).build();
        this.cache = Caffeine.newBuilder()
                .maximumWeight(cacheSize.toBytes())
                .weigher((String key, CachedImage image) -> image.bytes().length)
                .build();
    }

    @GetMapping("/media/{id}/{variant}")
    ResponseEntity<byte[]> image(@PathVariable String id, @PathVariable String variant,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            HttpServletRequest request) {
        // The ETag is article-service's; hashing the bytes again in the page ETag filter would be wasted work.
        ShallowEtagHeaderFilter.disableContentCaching(request);
        if (!ID.matcher(id).matches() || !VARIANT.matcher(variant).matches()) {
            return ResponseEntity.notFound().build();
        }
        CachedImage image;
        try {
            image = cache.get(id + "/" + variant, key -> fetch(id, variant));
        } catch (RestClientResponseException e) {
            return e.getStatusCode().value() == 404 ? ResponseEntity.notFound().build() : unavailable();
        } catch (RestClientException e) {
            log.warn("Image {}/{} could not be fetched from article-service: {}", id, variant, e.getMessage());
            return unavailable();
        }
        if (ifNoneMatch != null && ifNoneMatch.contains(image.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(image.etag()).cacheControl(FOREVER).build();
        }
        return ResponseEntity.ok().eTag(image.etag()).cacheControl(FOREVER)
                .contentType(MediaType.parseMediaType(image.mediaType()))
                .header("X-Content-Type-Options", "nosniff")
                .body(image.bytes());
    }

    private CachedImage fetch(String id, String variant) {
        ResponseEntity<byte[]> answer = articleService.get().uri("/media/{id}/{variant}", id, variant)
                .retrieve().toEntity(byte[].class);
        MediaType type = answer.getHeaders().getContentType();
        if (type == null || !"image".equals(type.getType()) || answer.getBody() == null) {
            throw new RestClientException("article-service answered " + type + " for an image");
        }
        String etag = answer.getHeaders().getETag();
        return new CachedImage(type.toString(), etag == null ? "\"" + id + "-" + variant + "\"" : etag,
                answer.getBody());
    }

    private static ResponseEntity<byte[]> unavailable() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .cacheControl(CacheControl.noStore()).build();
    }
}
