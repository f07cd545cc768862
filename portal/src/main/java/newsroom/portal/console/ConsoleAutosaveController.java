package newsroom.portal.console;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import newsroom.portal.site.PageFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The edit page's autosave (JSON, CSRF-protected like the forms): the form as it stands goes to article-service's
 * autosave with the page's ETag. The answer gives the new ETag (the page's forms carry it on) and the time; when
 * someone else saved meanwhile (412), their version, so the page can offer it or a comparison with the editor's.
 */
@RestController
class ConsoleAutosaveController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final AutosaveClient autosaves;
    private final EditorialClient editorial;
    private final PageFormat format;

    ConsoleAutosaveController(AutosaveClient autosaves, EditorialClient editorial, PageFormat format) {
        this.autosaves = autosaves;
        this.editorial = editorial;
        this.format = format;
    }

    @PostMapping("/console/articles/{id}/autosave")
    ResponseEntity<Map<String, Object>> autosave(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
            @ModelAttribute ArticleForm form) {
        try {
            EditorialArticle saved = autosaves.autosave(user, id, form.getEtag(), form.toDraft());
            Map<String, Object> answer = describe(saved);
            answer.put("savedAt", time(saved.updatedAt()));
            return ResponseEntity.ok(answer);
        } catch (ConsoleProblem e) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("status", e.status());
            answer.put("message", e.getMessage());
            if (e.status() == 412) {
                EditorialArticle theirs = editorial.get(user, id);
                answer.put("theirs", describe(theirs));
            }
            return ResponseEntity.status(e.status()).body(answer);
        }
    }

    private Map<String, Object> describe(EditorialArticle article) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("etag", article.etag());
        map.put("version", article.version());
        map.put("by", article.lastModifiedBy());
        map.put("at", time(article.updatedAt()));
        map.put("title", article.title());
        map.put("body", article.body());
        return map;
    }

    private String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(format.zone()));
    }
}
