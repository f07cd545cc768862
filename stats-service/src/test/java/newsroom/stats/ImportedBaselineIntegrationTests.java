package newsroom.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import newsroom.testing.InProcessInfrastructureTest;
import newsroom.testing.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * An imported article's old click count (importedFrom.clicks on its article-published event) is shown beside the
 * counted views as "imported from DedeCMS, unfiltered", and never added to them.
 */
@InProcessInfrastructureTest
class ImportedBaselineIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theOldClickCountIsABaselineBesideCountedViewsNotPartOfThem() {
        String article = Views.unique("imported");
        TopicProbe.send(Topics.ARTICLE_LIFECYCLE, article, """
                {"articleId":"%s","revision":1,"occurredAt":"%s","scheduledFor":null,"latenessMillis":null,
                 "article":{"slug":null,"title":"T","subtitle":null,"summary":"S","coverImageUrl":null,
                  "source":"src","writer":"w","keywords":[],"categoryId":"c1","categoryPath":["c1"],
                  "headline":false,"recommended":false,"pinned":false,"sortRank":0,
                  "publishedAt":"2022-01-07T01:00:00Z"},
                 "importedFrom":{"system":"DedeCMS","site":"www.achie.org","sourceId":"120","clicks":356}}
                """.formatted(article, Instant.now()), Map.of(CloudEventHeaders.TYPE, EventTypes.ARTICLE_PUBLISHED,
                CloudEventHeaders.ID, UUID.randomUUID().toString()));
        Views.view(article, List.of("c1"), Instant.now(), Views.unique("visitor"), Views.CHROME);

        StatsApi api = new StatsApi(port);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.article(article).get("counted").asLong() == 1);
        JsonNode stats = api.article(article);

        assertThat(stats.get("views").asLong()).isEqualTo(1);
        assertThat(stats.get("raw").asLong()).isEqualTo(1);
        assertThat(stats.get("imported").get("views").asLong()).isEqualTo(356);
        assertThat(stats.get("imported").get("note").asString()).isEqualTo("imported from DedeCMS, unfiltered");
        assertThat(stats.get("imported").get("sourceId").asString()).isEqualTo("120");
    }

    @Test
    void anArticleWrittenHereHasNoImportedBaseline() {
        String article = Views.unique("native");
        Views.publishArticle(article, List.of("c1"));
        Views.view(article, List.of("c1"), Instant.now(), Views.unique("visitor"), Views.CHROME);

        StatsApi api = new StatsApi(port);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.article(article).get("counted").asLong() == 1);

        assertThat(api.article(article).path("imported").path("views").isMissingNode()).isTrue();
    }
}
