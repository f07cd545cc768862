package newsroom.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Library images on the portal's origin: fetched from article-service once, then answered from the portal's cache
 * with a year's immutable Cache-Control and an ETag; a missing image is a 404, an unreachable service a 503 that is
 * not cached.
 */
class MediaProxyIntegrationTests extends PortalTestBase {

    @Test
    void anImageIsFetchedOnceThenServedFromTheCacheWithLongLivedHeaders() {
        ARTICLES.on("GET", "/media/701/thumb", new FakeService.Reply(200, "image/gif", "GIF89a-pixels"));

        HttpResponse<String> first = get("/media/701/thumb");
        HttpResponse<String> second = get("/media/701/thumb");

        for (HttpResponse<String> response : java.util.List.of(first, second)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("GIF89a-pixels");
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/gif");
            assertThat(response.headers().firstValue("Cache-Control").orElseThrow())
                    .contains("max-age=31536000", "public", "immutable");
        }
        assertThat(ARTICLES.requests).filteredOn(r -> r.path().equals("/media/701/thumb")).hasSize(1);

        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/media/701/thumb", "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void aMissingImageIsNotFoundAndAnUnreachableServiceIsNotCached() {
        assertThat(get("/media/702/content").statusCode()).isEqualTo(404);
        assertThat(get("/media/..%2Fapi/content").statusCode()).as("never passed on").isBetween(400, 404);
        assertThat(get("/media/a.b/content").statusCode()).isEqualTo(404);
        assertThat(ARTICLES.requests).noneMatch(r -> r.path().contains("api") || r.path().contains("a.b"));

        ARTICLES.down();
        HttpResponse<String> down = get("/media/703/content");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");

        ARTICLES.reset();
        ARTICLES.on("GET", "/media/703/content", new FakeService.Reply(200, "image/jpeg", "jpeg-bytes"));
        assertThat(get("/media/703/content").statusCode()).as("served once the service is back").isEqualTo(200);
    }
}
