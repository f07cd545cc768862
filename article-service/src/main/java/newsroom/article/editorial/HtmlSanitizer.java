package newsroom.article.editorial;

import newsroom.contracts.ArticleBodyHtml;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * Article bodies are rich HTML written by people, shown to everyone: cleaned on the way in with the bodies'
 * allow-list ({@link ArticleBodyHtml}: no script, no event handlers, no javascript: URLs), so what is stored is
 * already safe to render.
 */
@Component
public class HtmlSanitizer {

    private static final Safelist ARTICLE_BODY = ArticleBodyHtml.safelist();
    private static final Document.OutputSettings OUTPUT = ArticleBodyHtml.output();

    public String clean(String html) {
        return html == null ? null : Jsoup.clean(html, "", ARTICLE_BODY, OUTPUT);
    }
}
