package newsroom.portal.site;

import newsroom.contracts.ArticleBodyHtml;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * The article body is the one piece of HTML the pages render unescaped. article-service already sanitizes it when
 * it is saved; the portal cleans it again with the same allow-list ({@link ArticleBodyHtml}) before rendering, so
 * that a body written before that rule, or by a faulty writer straight into the database, still cannot run a script
 * here. Links leave with {@code rel="nofollow noopener noreferrer"}. The pages' Content Security Policy (no inline
 * script) is the third line.
 */
@Component
public class BodyHtml {

    private static final Safelist ARTICLE_BODY = ArticleBodyHtml.safelist()
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");
    private static final Document.OutputSettings OUTPUT = ArticleBodyHtml.output();

    public String clean(String html) {
        return html == null ? "" : Jsoup.clean(html, "", ARTICLE_BODY, OUTPUT);
    }
}
