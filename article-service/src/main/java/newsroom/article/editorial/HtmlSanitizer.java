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
            .addProtocols("a", "href", "http", "https", "mailto");

    private static final Document.OutputSettings OUTPUT = new Document.OutputSettings()
            .prettyPrint(false).charset("UTF-8");

    public String clean(String html) {
        return html == null ? null : Jsoup.clean(html, "", ARTICLE_BODY, OUTPUT);
    }
}
