package newsroom.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.testing.InProcessInfrastructureTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Bad parameters are 400 problem+json naming the parameter; the dashboard and its chart library are served. */
@InProcessInfrastructureTest
class StatsApiIntegrationTests {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @CsvSource({
            "/api/stats/articles/a/series?granularity=week, granularity",
            "/api/stats/articles/a/series?from=yesterday, from",
            "/api/stats/articles/a/series?to=2026-13-01, to",
            "/api/stats/articles/a/series?from=2026-11-28T10:00:00Z&to=2026-11-28T09:00:00Z, from",
            "/api/stats/categories/c/series?granularity=hour&from=2020-01-01&to=2026-01-01, from",
            "/api/stats/top?limit=0, limit",
            "/api/stats/top?limit=abc, limit",
            "/api/stats/trending?window=forever, window",
            "/api/stats/trending?window=90d, window",
            "/api/stats/trending?limit=1000, limit",
            "/api/stats/views?since=last-week, since"
    })
    void aBadParameterIsAProblemNamingIt(String uri, String parameter) {
        ResponseEntity<String> response = new StatsApi(port).raw(uri);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = JsonMapper.builder().build().readTree(response.getBody());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(parameter);
    }

    @Test
    void anArticleNobodyViewedHasZeroEverywhere() {
        StatsApi api = new StatsApi(port);
        JsonNode stats = api.article("nobody-read-this");
        assertThat(stats.get("views").asLong()).isZero();
        assertThat(stats.get("raw").asLong()).isZero();
        assertThat(stats.get("uniqueVisitorDays").asLong()).isZero();
        JsonNode series = api.get("/api/stats/articles/nobody-read-this/series?granularity=day");
        assertThat(series.get("points")).hasSize(31);
        assertThat(api.get("/api/stats/trending?window=1h").get("items").isArray()).isTrue();
    }

    @Test
    void theDashboardIsServedWithItsChartLibrary() {
        StatsApi api = new StatsApi(port);
        ResponseEntity<String> page = api.raw("/dashboard");
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("Newsroom statistics").contains("dashboard.js");
        Matcher script = Pattern.compile("src=\"(/webjars/echarts/[^\"]+)\"").matcher(page.getBody());
        assertThat(script.find()).isTrue();
        ResponseEntity<String> echarts = api.raw(script.group(1));
        assertThat(echarts.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(echarts.getBody()).contains("echarts");
        ResponseEntity<String> js = api.raw("/dashboard/dashboard.js");
        assertThat(js.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(js.getBody()).contains("/api/stats/trending").contains("/api/stats/top").contains("/series");
    }
}
