package newsroom.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The page's view beacon goes to the portal's own origin and on to article-service as the reader's visit. */
class ViewBeaconIntegrationTests extends PortalTestBase {

    @Test
    void aBeaconIsForwardedWithTheReadersAddressUserAgentLanguageAndReferrer() {
        ARTICLES.on("POST", "/api/articles/1/views", new FakeService.Reply(202, null, null));

        HttpResponse<String> response = post("/beacon/articles/1/views", "text/plain;charset=UTF-8",
                "{\"referrer\":\"https://www.example.org/\"}",
                "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36",
                "Accept-Language", "zh-CN,zh;q=0.9",
                "Referer", "http://localhost/articles/1");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        FakeService.Request forwarded = ARTICLES.requests.get(0);
        assertThat(forwarded.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(forwarded.header("User-Agent")).isEqualTo("Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36");
        assertThat(forwarded.header("Accept-Language")).isEqualTo("zh-CN,zh;q=0.9");
        assertThat(forwarded.header("Content-Type")).startsWith("application/json");
        assertThat(forwarded.body()).isEqualTo("{\"referrer\":\"https://www.example.org/\"}");
    }

    @Test
    void theReadersAddressFromATrustedProxyIsPassedOn() {
        ARTICLES.on("POST", "/api/articles/1/views", new FakeService.Reply(202, null, null));

        post("/beacon/articles/1/views", null, "", "X-Forwarded-For", "203.0.113.9");

        assertThat(ARTICLES.requests.get(0).header("X-Forwarded-For")).isEqualTo("203.0.113.9");
    }

    @Test
    void aBeaconNeedsNoCsrfTokenAndNoSession() {
        ARTICLES.on("POST", "/api/articles/1/views", new FakeService.Reply(202, null, null));

        HttpResponse<String> response = post("/beacon/articles/1/views", "text/plain", "{}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aBeaconForAnArticleThatIsNotPublishedIsRefusedAsArticleServiceRefusesIt() {
        assertThat(post("/beacon/articles/77/views", "text/plain", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void withArticleServiceDownTheBeaconAnswers503() {
        ARTICLES.down();

        assertThat(post("/beacon/articles/1/views", "text/plain", "{}").statusCode()).isEqualTo(503);
    }
}
