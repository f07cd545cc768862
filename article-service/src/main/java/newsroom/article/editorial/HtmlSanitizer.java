package newsroom.article.editorial;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * Article bodies are rich HTML written by people, shown to everyone: cleaned on the way in with jsoup's
 * allow-list (no script, no event handlers, no javascript: URLs), so what is stored is already safe to render.
 */
@Component
public class HtmlSanitizer {

    private static final Safelist ARTICLE_BODY = Safelist.relaxed()
            .addTags("figure", "figcaption", "hr")
            .addAttributes("img", "loading")
            .addProtocols("img", "src", "http", "https")
            .addProtocols("a", "href", "http", "https", "mailto")
            .preserveRelativeLinks(true);

    /**
     * Only to resolve relative URLs while checking their protocol: with {@code preserveRelativeLinks} a site-relative
     * {@code /media/12/content} (the media library's images) or {@code /articles/3} stays as written, so bodies do
     * not depend on the host they are served from, while {@code javascript:} still goes.
     */
    private static final String CHECK_BASE = "https://newsroom.invalid/";

    private static final Document.OutputSettings OUTPUT = new Document.OutputSettings()
            .prettyPrint(false).charset("UTF-8");

    public String clean(String html) {
        return html == null ? null : Jsoup.clean(html, CHECK_BASE, ARTICLE_BODY, OUTPUT);
    }
}
