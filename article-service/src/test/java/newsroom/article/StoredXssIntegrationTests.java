package newsroom.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import newsroom.article.categories.CategoryReplica;
import newsroom.article.editorial.HtmlSanitizer;
import newsroom.testing.InProcessInfrastructureTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/**
 * Stored XSS: payloads in the style of the OWASP XSS Filter Evasion Cheat Sheet go into an article body through the
 * editorial API; what is stored and what readers get back is inert markup — no script or active element, no event
 * handler, no style, no URL with a scheme other than http(s)/mailto — and stays so when cleaned again (no mutation
 * left for a browser's parser to complete).
 */
@InProcessInfrastructureTest
class StoredXssIntegrationTests {

    static final String CATEGORY = "9970";

    static List<String> owaspPayloads() {
        return List.of(
                "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
                "<IMG SRC=\"javascript:alert('XSS');\">",
                "<IMG SRC=JaVaScRiPt:alert('XSS')>",
                "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
                "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
                "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
                "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
                "<IMG SRC=# onmouseover=\"alert('xxs')\">",
                "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
                "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105"
                        + "&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039"
                        + "&#0000088&#0000083&#0000083&#0000039&#0000041\">",
                "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;"
                        + "&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
                "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28"
                        + "&#x27&#x58&#x53&#x53&#x27&#x29>",
                "<IMG SRC=\"jav\tascript:alert('XSS');\">",
                "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
                "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
                "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>",
                "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
                "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
                "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
                "<iframe src=http://xss.rocks/scriptlet.html <",
                "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>",
                "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">",
                "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
                "<svg/onload=alert('XSS')>",
                "<svg><script>alert(1)</script></svg>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
                "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
                "<BR SIZE=\"&{alert('XSS')}\">",
                "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
                "<STYLE>@import'http://xss.rocks/xss.css';</STYLE>",
                "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
                "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K\">",
                "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
                "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
                "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
                "<TABLE><TD BACKGROUND=\"javascript:alert('XSS')\">",
                "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
                "<DIV STYLE=\"width: expression(alert('XSS'));\">",
                "<BASE HREF=\"javascript:alert('XSS');//\">",
                "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.rocks/scriptlet.html\"></OBJECT>",
                "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv\" type=\"image/svg+xml\" AllowScriptAccess=\"always\"></EMBED>",
                "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data link</a>",
                "<a href=\"  javascript:alert(1)\">leading space</a>",
                "<a href=\"vbscript:msgbox(1)\">vb</a>",
                "<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(2)\">go</button></form>",
                "<details open ontoggle=alert(1)>",
                "<video><source onerror=\"alert(1)\"></video>",
                "<a href=\"http://example.org\" style=\"position:fixed;top:0;left:0;width:100%;height:100%\">overlay</a>",
                "<p>正文保留</p><img src=\"https://example.org/ok.png\" onload=\"alert(1)\" alt=\"图片\">");
    }

    static final Set<String> ACTIVE_ELEMENTS = Set.of("script", "style", "iframe", "frame", "frameset", "object",
            "embed", "applet", "form", "input", "button", "textarea", "select", "meta", "link", "base", "svg",
            "math", "video", "audio", "source", "details", "noscript", "template", "body", "html", "head", "title");
    static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "background", "cite",
            "data", "poster", "srcset", "xlink:href");

    @LocalServerPort
    int port;

    @Autowired
    CategoryReplica replica;

    @Autowired
    HtmlSanitizer sanitizer;

    RestClient editor;

    @BeforeEach
    void setUp() {
        editor = Newsroom.editor(port);
        Newsroom.category(replica, CATEGORY, "安全", CATEGORY);
    }

    @ParameterizedTest
    @MethodSource("owaspPayloads")
    void aStoredBodyIsInertWhateverWasSent(String payload) {
        String id = Newsroom.publish(editor, CATEGORY, Map.of("body", "<p>导语</p>" + payload));
        String stored = Newsroom.get(editor, id).getBody().get("body").asText();
        String served = Newsroom.read(Newsroom.anonymous(port), id).getBody().get("body").asText();

        assertThat(served).isEqualTo(stored);
        assertInert(stored);
        assertThat(sanitizer.clean(stored)).as("cleaning again changes nothing").isEqualTo(stored);
        assertThat(stored).contains("导语");
    }

    static void assertInert(String html) {
        Document document = Jsoup.parseBodyFragment(html);
        for (Element element : document.body().getAllElements().subList(1, document.body().getAllElements().size())) {
            assertThat(ACTIVE_ELEMENTS).as("element <%s> in %s", element.tagName(), html)
                    .doesNotContain(element.tagName());
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                assertThat(name).as("attribute in %s", html).doesNotStartWith("on").isNotEqualTo("style");
                if (URL_ATTRIBUTES.contains(name)) {
                    String url = attribute.getValue().replaceAll("[\\s\\p{Cntrl}]", "").toLowerCase(Locale.ROOT);
                    assertThat(url).as("%s=%s in %s", name, attribute.getValue(), html)
                            .matches("(https?:|mailto:).*");
                }
            }
        }
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<script").doesNotContain("javascript:").doesNotContain("vbscript:")
                .doesNotContain("onerror=").doesNotContain("onload=");
    }
}
