package newsroom.article.views;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The view beacon: the article page's script posts here once per display (navigator.sendBeacon, which sends
 * text/plain or JSON); 202, and an {@code article-viewed} event goes out keyed by article id ({@link ViewRecorder}).
 * <p>
 * Most beacon calls never get here: {@link BeaconFilter} answers them ahead of the security chain and MVC. This
 * mapping serves the traced ones (a {@code traceparent} header), so their trace continues through the observed
 * stack into the event, and it is what the API documentation describes.
 */
@RestController
class ViewBeaconController {

    private final ViewRecorder recorder;

    ViewBeaconController(ViewRecorder recorder) {
        this.recorder = recorder;
    }

    @PostMapping("/api/articles/{id}/views")
    ResponseEntity<Void> view(@PathVariable String id, @RequestBody(required = false) String body,
            @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent,
            @RequestHeader(value = HttpHeaders.REFERER, required = false) String refererHeader,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language,
            HttpServletRequest request) {
        recorder.record(id, body, userAgent, refererHeader, language, request.getRemoteAddr());
        return ResponseEntity.accepted().build();
    }
}
