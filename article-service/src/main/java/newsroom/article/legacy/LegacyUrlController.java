package newsroom.article.legacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import newsroom.article.feeds.PublicSite;
import newsroom.platform.web.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where an address of the old site leads now: the portal asks this for a request it has no page for, and answers
 * 301 with {@code location}. Public, like the rest of {@code /api/articles}.
 */
@RestController
@Tag(name = "Legacy URLs", description = "Addresses of an imported site and where they lead now")
class LegacyUrlController {

    private final LegacyUrls urls;
    private final PublicSite site;

    LegacyUrlController(LegacyUrls urls, PublicSite site) {
        this.urls = urls;
        this.site = site;
    }

    /**
     * @param location the path on the portal, e.g. {@code /articles/42} or {@code /categories/13}
     */
    record Resolved(String path, LegacyUrl.Type type, String targetId, String location) {
    }

    @GetMapping("/api/articles/legacy-urls")
    @Operation(summary = "Where an old address leads, e.g. path=/a/news/2022/0107/7.html or /plus/view.php?aid=7")
    Resolved resolve(@Parameter(description = "path and query as the reader asked for it")
            @RequestParam @NotBlank @Size(max = 1000) String path) {
        LegacyUrl url = urls.find(path).orElseThrow(() -> ProblemException.notFound("Legacy URL", path));
        String location = url.type() == LegacyUrl.Type.ARTICLE
                ? site.getArticlePath().replace("{idSlug}", url.targetId()).replace("{id}", url.targetId())
                : site.getCategoryPath().replace("{id}", url.targetId());
        return new Resolved(url.path(), url.type(), url.targetId(), location);
    }
}
