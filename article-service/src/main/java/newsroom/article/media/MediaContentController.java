package newsroom.article.media;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import newsroom.platform.web.ProblemException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The images, for everyone: {@code /media/{id}/thumb} and {@code /media/{id}/content}. A variant never changes
 * once stored (a new upload is a new id), so it is cached for a year by browsers and proxies ({@code immutable}),
 * with an ETag from its content for revalidation.
 */
@RestController
@Tag(name = "Media", description = "Upload, list and delete the images articles use")
class MediaContentController {

    static final CacheControl FOREVER = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final MediaLibrary library;

    MediaContentController(MediaLibrary library) {
        this.library = library;
    }

    @GetMapping("/media/{id}/{variant}")
    @Operation(summary = "An image variant's bytes (thumb or content); public, cacheable for a year")
    ResponseEntity<byte[]> content(@PathVariable String id, @PathVariable String variant,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return library.content(id, variant).map(content -> {
            String etag = "\"" + content.etag() + "\"";
            if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
                return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(FOREVER)
                        .<byte[]>build();
            }
            return ResponseEntity.ok().eTag(etag).cacheControl(FOREVER)
                    .contentType(MediaType.parseMediaType(content.mediaType()))
                    .header("X-Content-Type-Options", "nosniff")
                    .body(content.bytes());
        }).orElseThrow(() -> ProblemException.notFound("Image variant", id + "/" + variant));
    }
}
