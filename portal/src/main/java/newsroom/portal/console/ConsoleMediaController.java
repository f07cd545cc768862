package newsroom.portal.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

/**
 * The body editor's image calls (JSON, same origin, CSRF-protected like the console's forms): upload to the media
 * library, and the newest images to pick from. Image URLs are site-relative ({@code /media/12/content}), which the
 * portal serves and both body cleanings keep.
 */
@RestController
class ConsoleMediaController {

    private final MediaClient media;

    ConsoleMediaController(MediaClient media) {
        this.media = media;
    }

    /** TinyMCE's upload handler reads {@code location}; the rest is for the console's own use. */
    @PostMapping("/console/media")
    ResponseEntity<Object> upload(@AuthenticationPrincipal ConsoleUser user,
            @RequestParam(value = "file", required = false) MultipartFile file) {
        if (file == null || file.isEmpty()) {
            return problem(400, "请选择要上传的图片文件。");
        }
        try {
            JsonNode stored = media.upload(user, file.getOriginalFilename(), file.getBytes());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("location", stored.get("url").asString());
            answer.put("thumbnail", stored.get("thumbnailUrl").asString());
            answer.put("id", stored.get("id").asString());
            return ResponseEntity.status(HttpStatus.CREATED).body(answer);
        } catch (ConsoleProblem e) {
            return problem(e.status(), message(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TinyMCE's {@code image_list}: [{title, value}], newest first. */
    @GetMapping("/console/media")
    ResponseEntity<Object> list(@AuthenticationPrincipal ConsoleUser user) {
        try {
            List<Map<String, String>> images = new ArrayList<>();
            for (JsonNode item : media.list(user, 60).get("items")) {
                String name = item.hasNonNull("filename") ? item.get("filename").asString() : "图片 " + item.get("id");
                images.add(Map.of("title", name + "（" + item.get("width").asInt() + "×" + item.get("height").asInt()
                        + "）", "value", item.get("url").asString()));
            }
            return ResponseEntity.ok(images);
        } catch (ConsoleProblem e) {
            return problem(e.status(), e.getMessage());
        }
    }

    private static String message(ConsoleProblem e) {
        return switch (e.status()) {
            case 413 -> "图片太大（最大 10 MB）。";
            case 415 -> "只能上传 JPEG、PNG、WebP 或 GIF 图片（不接受 SVG）。";
            case 422 -> "图片已损坏，无法读取。";
            default -> e.getMessage();
        };
    }

    private static ResponseEntity<Object> problem(int status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        return ResponseEntity.status(status).body(problem);
    }
}
