package newsroom.contracts;

import java.util.regex.Pattern;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * The HTML an article's body may hold, in the events' {@code body} and the APIs: jsoup's relaxed allow-list plus
 * figures, captions and rules, lazily loaded images, http(s) images and http(s) or mailto links, and plain
 * site-relative paths. article-service cleans every body with it on the way in; a reader that renders bodies
 * unescaped (the portal) cleans them again with it, so one allow-list decides what both let through.
 *
 * <p>jsoup is an optional dependency of this module: a consumer that does not clean bodies goes without it.
 */
public final class ArticleBodyHtml {

    /**
     * Besides http(s) URLs, site-relative paths ({@code /media/12/content}, the media library's images;
     * {@code /articles/3}) are kept as written, so bodies do not depend on the host serving them. Only a plain
     * path qualifies (a slash, then a letter or digit): "/" alone, "//host" (another host), or anything that
     * merely resolves as relative ({@code `javascript:}) is dropped.
     */
    private static final Pattern SITE_PATH = Pattern.compile("/[A-Za-z0-9][A-Za-z0-9._~%!$&'()*+,;=:@/?#\\[\\]-]*");

    private ArticleBodyHtml() {
    }

    /** A new copy of the allow-list: jsoup's {@link Safelist} is mutable, so a caller may add to its own. */
    public static Safelist safelist() {
        return new SitePaths(Safelist.relaxed()
                .addTags("figure", "figcaption", "hr")
                .addAttributes("img", "loading")
                .addProtocols("img", "src", "http", "https")
                .addProtocols("a", "href", "http", "https", "mailto"));
    }

    /** How a cleaned body is written: as it came (no pretty-printing), in UTF-8. */
    public static Document.OutputSettings output() {
        return new Document.OutputSettings().prettyPrint(false).charset("UTF-8");
    }

    /** The allow-list that also keeps {@code img src} and {@code a href} holding a plain site-relative path. */
    private static final class SitePaths extends Safelist {

        SitePaths(Safelist base) {
            super(base);
        }

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
    }
}
