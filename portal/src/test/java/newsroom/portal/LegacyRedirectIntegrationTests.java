package newsroom.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Old DedeCMS addresses of an imported site answer 301 to their new pages; everything else is left alone. */
class LegacyRedirectIntegrationTests extends PortalTestBase {

    void knows(String asked, String type, String id, String location) {
        ARTICLES.on("GET", "/api/articles/legacy-urls", request -> request.query().equals("path=" + asked)
                ? FakeService.Reply.json("{\"path\":\"" + asked + "\",\"type\":\"" + type + "\",\"targetId\":\"" + id
                        + "\",\"location\":\"" + location + "\"}")
                : FakeService.Reply.status(404));
    }

    @Test
    void anOldArticlePageAnswers301ToItsNewAddress() {
        knows("/a/news/park_planning/2022/0107/120.html", "ARTICLE", "1", "/articles/1");

        HttpResponse<String> response = get("/a/news/park_planning/2022/0107/120.html");

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).hasValue("/articles/1");
    }

    @Test
    void dynamicPagesAreLookedUpWithTheirQuery() {
        knows("/plus/view.php?aid=120", "ARTICLE", "1", "/articles/1");

        assertThat(get("/plus/view.php?aid=120").headers().firstValue("Location")).hasValue("/articles/1");
        assertThat(ARTICLES.requests).anySatisfy(r -> assertThat(r.query()).isEqualTo("path=/plus/view.php?aid=120"));
    }

    @Test
    void oldListFoldersLeadToTheirCategory() {
        knows("/a/news/park_planning/", "CATEGORY", "13", "/categories/13");

        HttpResponse<String> response = get("/a/news/park_planning/");

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).hasValue("/categories/13");
    }

    @Test
    void anUnknownOldAddressIsANotFoundPage() {
        knows("/a/other.html", "ARTICLE", "1", "/articles/1");

        assertThat(get("/a/news/9999.html").statusCode()).isEqualTo(404);
    }

    @Test
    void thePortalsOwnPagesAndOtherShapesAreNeverLookedUp() {
        seedServices("<p>正文</p>");

        get("/articles/1");
        get("/robots.txt");
        get("/categories/13/");

        assertThat(ARTICLES.count("GET", "/api/articles/legacy-urls")).isZero();
    }

    @Test
    void whenArticleServiceIsDownTheOldAddressAnswersTryAgainLaterNotGone() {
        ARTICLES.down();

        HttpResponse<String> response = get("/a/news/park_planning/2022/0107/120.html");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
    }
}
