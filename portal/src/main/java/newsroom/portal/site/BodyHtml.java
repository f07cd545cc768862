package newsroom.portal.site;

import org.jsoup.Jsoup;
import java.util.regex.Pattern;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
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

    /**
     * Besides http(s) URLs, site-relative paths ({@code /media/12/content}, the media library's images;
     * {@code /articles/3}) are kept as written, so bodies do not depend on the host serving them. Only a plain
     * path qualifies (a slash, then a letter or digit): "/" alone, "//host" (another host), or anything that
     * merely resolves as relative ({@code `javascript:}) is dropped as before.
     */
    private static final Pattern SITE_PATH = Pattern.compile("/[A-Za-z0-9][A-Za-z0-9._~%!$&'()*+,;=:@/?#\\[\\]-]*");

    private static final Safelist ARTICLE_BODY = new Safelist(Safelist.relaxed()
            .addTags("figure", "figcaption", "hr")
            .addAttributes("img", "loading")
            .addProtocols("img", "src", "http", "https")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")) {
        @Override
        public boolean isSafeAttribute(String tagName, Element element, Attribute attribute) {
            String key = attribute.getKey();
            if (("img".equals(tagName) && "src".equals(key)) || ("a".equals(tagName) && "href".equals(key))) {
                if (SITE_PATH.matcher(attribute.getValue().strip()).matches()) {
                    return true;
                }
            }
            return super.isSafeAttribute(tagName, element, attribute);
        }
    };

    private static final Document.OutputSettings OUTPUT = new Document.OutputSettings()
            .prettyPrint(false).charset("UTF-8");

    public String clean(String html) {
        return html == null ? "" : Jsoup.clean(html, "", ARTICLE_BODY, OUTPUT);
    }
}
