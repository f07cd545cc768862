package newsroom.article.media;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import newsroom.article.editorial.Callers;
import newsroom.platform.web.ProblemException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The media library's API: writers upload and browse, editors delete images no article uses. The images
 * themselves are public at {@code /media/{id}/{variant}} ({@link MediaContentController}).
 */
@RestController
@RequestMapping("/api/media")
@EnableConfigurationProperties(MediaProperties.class)
@Tag(name = "Media", description = "Upload, list and delete the images articles use")
@SecurityRequirement(name = "basicAuth")
@SecurityRequirement(name = "bearerAuth")
class MediaController {

    private final MediaLibrary library;
    private final Callers callers;

    MediaController(MediaLibrary library, Callers callers) {
        this.library = library;
        this.callers = callers;
    }

    record MediaPage(List<MediaView> items, int page, int size, long total) {
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload an image (JPEG, PNG, WebP or GIF, at most 10 MB; checked by content, SVG refused); "
            + "answers once its thumbnail and content-width variants are stored, without the upload's metadata",
            responses = {
                    @ApiResponse(responseCode = "201", description = "Stored; Location is the image's API URL"),
                    @ApiResponse(responseCode = "413", description = "Over the size limit",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "415", description = "Not a JPEG, PNG, WebP or GIF (or SVG)",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "422", description = "Corrupt or undecodable image",
                            content = @Content(mediaType = "application/problem+json"))})
    ResponseEntity<MediaView> upload(
            @Parameter(description = "the image file", content = @Content(mediaType = "application/octet-stream",
                    schema = @Schema(type = "string", format = "binary")))
            @RequestPart(value = "file", required = false) MultipartFile file) {
        if (file == null) {
            throw ProblemException.badRequest("file", "send the image as the multipart part 'file'");
        }
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MediaItem item = library.upload(file.getOriginalFilename(), bytes, callers.current());
        return ResponseEntity.created(URI.create("/api/media/" + item.id())).body(MediaView.of(item));
    }

    @GetMapping
    @Operation(summary = "The library, newest first")
    MediaPage list(@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "30") @Min(1) @Max(100) int size) {
        callers.current();
        MediaLibrary.Page result = library.list(page, size);
        return new MediaPage(result.items().stream().map(MediaView::of).toList(), result.page(), result.size(),
                result.total());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One image's description and variant URLs")
    MediaView get(@PathVariable String id) {
        callers.current();
        return MediaView.of(library.get(id));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete an image no article uses (editors; in use: 409 naming the articles)")
    ResponseEntity<Void> delete(@PathVariable String id) {
        library.delete(id, callers.current());
        return ResponseEntity.noContent().build();
    }
}
