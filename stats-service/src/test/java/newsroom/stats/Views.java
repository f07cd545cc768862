package newsroom.stats;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import newsroom.testing.TopicProbe;

/** Test data: lifecycle and view events as article-service would publish them, written straight to the topics. */
final class Views {

    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0.0.0 Safari/537.36";
    static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    private Views() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Announces an article on article-lifecycle, so that its views count. */
    static void publishArticle(String articleId, List<String> categoryPath) {
        String eventId = UUID.randomUUID().toString();
        String categoryId = categoryPath.get(categoryPath.size() - 1);
        String paths = String.join("\",\"", categoryPath);
        TopicProbe.send(Topics.ARTICLE_LIFECYCLE, articleId, """
                {"articleId":"%s","revision":1,"occurredAt":"%s","scheduledFor":null,"latenessMillis":null,
                 "article":{"slug":"s-%s","title":"T","subtitle":null,"summary":"S","coverImageUrl":null,
                  "source":"src","writer":"w","keywords":[],"categoryId":"%s","categoryPath":["%s"],
                  "headline":false,"recommended":false,"pinned":false,"sortRank":0,"publishedAt":"%s"}}
                """.formatted(articleId, Instant.now(), articleId, categoryId, paths, Instant.now()),
                Map.of(CloudEventHeaders.TYPE, EventTypes.ARTICLE_PUBLISHED, CloudEventHeaders.ID, eventId));
    }

    static String json(String viewId, String articleId, List<String> categoryPath, Instant viewedAt, String visitor,
            String userAgent) {
        return """
                {"viewId":"%s","articleId":"%s","categoryId":"%s","categoryPath":["%s"],"viewedAt":"%s",
                 "visitorKey":"%s","referrer":null,"userAgent":%s}
                """.formatted(viewId, articleId, categoryPath.get(categoryPath.size() - 1),
                String.join("\",\"", categoryPath), viewedAt, visitor,
                userAgent == null ? "null" : "\"" + userAgent + "\"");
    }

    static void view(String articleId, List<String> categoryPath, Instant viewedAt, String visitor, String userAgent) {
        view(articleId, categoryPath, viewedAt, visitor, userAgent, Map.of());
    }

    static void view(String articleId, List<String> categoryPath, Instant viewedAt, String visitor, String userAgent,
            Map<String, String> extraHeaders) {
        String viewId = UUID.randomUUID().toString();
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put(CloudEventHeaders.TYPE, EventTypes.ARTICLE_VIEWED);
        headers.put(CloudEventHeaders.ID, viewId);
        TopicProbe.send(Topics.ARTICLE_VIEWED, articleId,
                json(viewId, articleId, categoryPath, viewedAt, visitor, userAgent), headers);
    }
}
