package newsroom.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/** What the bodies' allow-list keeps and drops, and that each caller gets its own copy to add to. */
class ArticleBodyHtmlTests {

    private static String clean(String html) {
        return Jsoup.clean(html, "", ArticleBodyHtml.safelist(), ArticleBodyHtml.output());
    }

    @Test
    void dropsScriptsEventHandlersAndJavascriptUrls() {
        assertThat(clean("<p onclick=\"steal()\">园区<script>steal()</script></p>"
                + "<a href=\"javascript:steal()\">x</a><img src=\"x\" onerror=\"steal()\">"))
                .isEqualTo("<p>园区</p><a>x</a><img>");
    }

    @Test
    void keepsFiguresHttpLinksAndPlainSitePathsButNotOtherHostsWithoutAScheme() {
        assertThat(clean("<figure><img src=\"/media/12/content\" loading=\"lazy\"><figcaption>图</figcaption></figure>"
                + "<a href=\"https://www.achie.org/a\">a</a><a href=\"/articles/3\">b</a><a href=\"//evil.example/\">c</a>"
                + "<a href=\"mailto:news@achie.org\">d</a><hr>"))
                .isEqualTo("<figure><img src=\"/media/12/content\" loading=\"lazy\"><figcaption>图</figcaption></figure>"
                        + "<a href=\"https://www.achie.org/a\">a</a><a href=\"/articles/3\">b</a><a>c</a>"
                        + "<a href=\"mailto:news@achie.org\">d</a><hr>");
    }

    @Test
    void eachCallerGetsItsOwnCopyToAddTo() {
        var withRel = ArticleBodyHtml.safelist().addEnforcedAttribute("a", "rel", "nofollow");
        assertThat(Jsoup.clean("<a href=\"/articles/3\">b</a>", "", withRel, ArticleBodyHtml.output()))
                .isEqualTo("<a href=\"/articles/3\" rel=\"nofollow\">b</a>");
        assertThat(clean("<a href=\"/articles/3\">b</a>")).isEqualTo("<a href=\"/articles/3\">b</a>");
    }
}
