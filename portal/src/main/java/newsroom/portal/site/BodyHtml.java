package newsroom.portal.site;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * The article body is the one piece of HTML the pages render unescaped. article-service already sanitizes it when
 * it is saved; the portal cleans it again with the same allow-list before rendering, so that a body written before
 * that rule, or by a faulty writer straight into the database, still cannot run a script here. The pages' Content
 * Security Policy (no inline script) is the third line.
 */
@Component
public class BodyHtml {

    private static final Safelist ARTICLE_BODY = Safelist.relaxed()
            .addTags("figure", "figcaption", "hr")
            .addAttributes("img", "loading")
            .addProtocols("img", "src", "http", "https")
            .addProtocols("a", "href", "http", "https", "mailto")
            .preserveRelativeLinks(true)
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");

    /**
     * Only to resolve relative URLs while checking their protocol: with {@code preserveRelativeLinks} a site-relative
     * {@code /media/12/content} (the media library's images) or {@code /articles/3} stays as written, so bodies do
     * not depend on the host they are served from, while {@code javascript:} still goes.
     */
    private static final String CHECK_BASE = "https://newsroom.invalid/";

    private static final Document.OutputSettings OUTPUT = new Document.OutputSettings()
            .prettyPrint(false).charset("UTF-8");

    public String clean(String html) {
        return html == null ? "" : Jsoup.clean(html, CHECK_BASE, ARTICLE_BODY, OUTPUT);
    }
}
