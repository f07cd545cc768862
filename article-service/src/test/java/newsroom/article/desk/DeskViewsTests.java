package newsroom.article.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import newsroom.article.editorial.ArticleStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The views column comes from stats-service's /api/stats/views: all at first, then what was viewed since. */
class DeskViewsTests {

    private HttpServer stats;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private volatile String answer;
    private final DeskIndex index = new DeskIndex();

    @BeforeEach
    void fakeStatsService() throws IOException {
        stats = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stats.createContext("/api/stats/views", exchange -> {
            asked.add(exchange.getRequestURI().toString());
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stats.start();
        for (int i = 1; i <= 3; i++) {
            index.put(new DeskEntry(String.valueOf(i), "文章" + i, "文章" + i, ArticleStatus.PUBLISHED, null,
                    new String[0], "editor", null, 1000L * i, null, 1, 0));
        }
    }

    @AfterEach
    void stop() {
        stats.stop(0);
    }

    private List<String> byViews() {
        return index.page(DeskQuery.parse(null, null, null, null, "views", "10", null)).items().stream()
                .map(e -> e.id() + "=" + e.views()).toList();
    }

    @Test
    void countsArePolledIntoTheIndexFirstAllThenOnlyThoseViewedSinceTheLastAnswer() {
        DeskViews views = new DeskViews(index, "http://127.0.0.1:" + stats.getAddress().getPort());
        answer = """
                {"asOf":"2026-12-06T08:00:00Z","items":[{"articleId":"1","views":7},{"articleId":"2","views":3}]}""";
        views.poll();
        assertThat(byViews()).containsExactly("1=7", "2=3", "3=0");

        answer = """
                {"asOf":"2026-12-06T08:00:10Z","items":[{"articleId":"3","views":12}]}""";
        views.poll();
        assertThat(byViews()).containsExactly("3=12", "1=7", "2=3");
        // the second poll asks from the first answer's instant, less the overlap for views written late
        assertThat(asked).containsExactly("/api/stats/views", "/api/stats/views?since=2026-12-06T07%3A58%3A00Z");
    }

    @Test
    void whileStatsServiceIsAwayTheCountsStayAndTheNextPollStartsAgainFromTheLastAnswer() {
        DeskViews views = new DeskViews(index, "http://127.0.0.1:" + stats.getAddress().getPort());
        answer = """
                {"asOf":"2026-12-06T08:00:00Z","items":[{"articleId":"2","views":5}]}""";
        views.poll();
        stats.stop(0);
        views.poll();
        assertThat(byViews()).containsExactly("2=5", "3=0", "1=0");
    }
}
