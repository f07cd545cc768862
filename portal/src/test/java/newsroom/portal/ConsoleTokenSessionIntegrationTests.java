package newsroom.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * The console signs in once: the password goes to article-service's token endpoint and nowhere else, the session
 * renews its token before it runs out and ends when it has, and too many failed attempts are said as such.
 */
class ConsoleTokenSessionIntegrationTests extends PortalTestBase {

    private void editorialApiTakesAnyBearer() {
        ARTICLES.on("GET", "/api/editorial/desk", request -> request.header("Authorization") != null
                && request.header("Authorization").startsWith("Bearer ")
                ? FakeService.Reply.json("{\"items\":[],\"page\":0,\"size\":20,\"total\":0}")
                : FakeService.Reply.status(401));
    }

    private HttpResponse<String> signIn(String user, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", user);
        form.put("password", password);
        form.put("_csrf", Jsoup.parse(get("/console/login").body()).select("input[name=_csrf]").attr("value"));
        return postForm("/console/login", form);
    }

    @Test
    void thePasswordGoesOnlyToTheTokenEndpointAndEveryOtherCallCarriesTheToken() {
        FakeTokenEndpoint.serve(ARTICLES, "writer", "newsroom-writer", List.of("WRITER"), "Demo writer", 1800);
        editorialApiTakesAnyBearer();

        assertThat(signIn("writer", "newsroom-writer").headers().firstValue("Location").orElseThrow())
                .endsWith("/console");
        assertThat(get("/console").statusCode()).isEqualTo(200);
        assertThat(get("/console").statusCode()).isEqualTo(200);

        assertThat(ARTICLES.requests).filteredOn(r -> r.path().equals("/api/auth/token")).hasSize(1)
                .allMatch(r -> r.header("Authorization").startsWith("Basic "));
        assertThat(ARTICLES.requests).filteredOn(r -> !r.path().equals("/api/auth/token")).isNotEmpty()
                .allMatch(r -> r.header("Authorization").startsWith("Bearer "));
    }

    @Test
    void aTokenPastHalfItsLifetimeIsRenewedWithTheTokenNotThePassword() {
        // Every token the fake issues is already 20 of its 30 minutes old: due for renewal, not expired.
        var issued = FakeTokenEndpoint.serve(ARTICLES, "editor", "newsroom-editor", List.of("EDITOR"),
                "Demo editor", 1200, 1800);
        editorialApiTakesAnyBearer();
        signIn("editor", "newsroom-editor");

        assertThat(get("/console").statusCode()).isEqualTo(200);

        // One renewal, asked for with the session's token (no password), and the page built with the new token.
        var renewals = ARTICLES.requests.stream().filter(r -> r.path().equals("/api/auth/token")
                && r.header("Authorization").startsWith("Bearer ")).toList();
        assertThat(renewals).hasSize(1);
        String renewed = issued.lastAuthorization();
        assertThat(issued.carriedBy(renewals.get(0).header("Authorization"))).isTrue();
        assertThat(renewals.get(0).header("Authorization")).isNotEqualTo(renewed);
        var listing = ARTICLES.requests.stream().filter(r -> r.path().equals("/api/editorial/desk")).toList();
        assertThat(listing).isNotEmpty().allMatch(r -> r.header("Authorization").equals(renewed));
    }

    @Test
    void anExpiredTokenEndsTheSessionAndAsksForASignInAgain() {
        // Five seconds of life is inside the ten-second margin: the session counts it as expired already.
        FakeTokenEndpoint.serve(ARTICLES, "editor", "newsroom-editor", List.of("EDITOR"), "Demo editor", 0, 5);
        editorialApiTakesAnyBearer();
        signIn("editor", "newsroom-editor");

        HttpResponse<String> page = get("/console");

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?error=expired");
        assertThat(get("/console").headers().firstValue("Location").orElseThrow()).endsWith("/console/login");
    }

    @Test
    void tooManyFailedSignInsAreSaidAsSuch() {
        ARTICLES.on("POST", "/api/auth/token", FakeService.Reply.status(429));

        HttpResponse<String> response = signIn("editor", "guess");

        assertThat(response.headers().firstValue("Location").orElseThrow())
                .endsWith("/console/login?error=throttled");
        assertThat(Jsoup.parse(get("/console/login?error=throttled").body()).select(".flash.error").text())
                .isEqualTo("登录失败次数过多，请稍后再试。");
    }

    @Test
    void anAccountWithoutAnEditorialRoleIsRefused() {
        FakeTokenEndpoint.serve(ARTICLES, "reader", "a-password", List.of(), "Someone", 1800);

        assertThat(signIn("reader", "a-password").headers().firstValue("Location").orElseThrow())
                .endsWith("/console/login?error=forbidden");
    }
}
