package newsroom.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import newsroom.contracts.ArticleUnpublished;
import newsroom.contracts.ArticleViewed;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

/** The CloudEvents attributes a service writes as Kafka headers, and reading a consumed record back into its payload. */
class CloudEventsInAndOutTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    // toMessage needs no binder: it only builds the message the binder would send.
    final CloudEventPublisher publisher = new CloudEventPublisher(null, "article-service", binding -> null);
    final CloudEventReader reader = new CloudEventReader(JSON);

    final ArticleViewed view = new ArticleViewed("v-1", "42", "13", List.of("1", "13"),
            Instant.parse("2022-01-07T01:00:00Z"), "visitor", null, "Mozilla/5.0");

    @Test
    void everyAttributeGoesOutAsAceHeaderWithTheEntityIdAsKey() {
        Message<Object> message = publisher.toMessage("42", "v-1", Instant.parse("2022-01-07T01:00:00Z"),
                EventTypes.ARTICLE_VIEWED, view);

        assertThat(header(message, CloudEventHeaders.ID)).isEqualTo("v-1");
        assertThat(header(message, CloudEventHeaders.SOURCE)).isEqualTo("/newsroom/article-service");
        assertThat(header(message, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(message, CloudEventHeaders.TYPE)).isEqualTo("newsroom.article.viewed.v1");
        assertThat(header(message, CloudEventHeaders.SUBJECT)).isEqualTo("42");
        assertThat(header(message, CloudEventHeaders.DATA_SCHEMA))
                .isEqualTo("urn:newsroom:schema:newsroom.article.viewed.v1");
        // Seconds always present, even when zero (OffsetDateTime.toString() would write 01:00Z).
        assertThat(header(message, CloudEventHeaders.TIME)).isEqualTo("2022-01-07T01:00:00Z");
        assertThat(new String((byte[]) message.getHeaders().get(KafkaHeaders.KEY), StandardCharsets.UTF_8))
                .isEqualTo("42");
        assertThat(message.getHeaders().get("contentType")).isEqualTo("application/json");
        assertThat(message.getPayload()).isSameAs(view);
    }

    @Test
    void aRecordIsReadBackIntoItsPayloadByItsTypeHeaderInEitherSpelling() {
        byte[] json = JSON.writeValueAsBytes(view);
        Message<byte[]> wire = MessageBuilder.withPayload(json)
                .setHeader(CloudEventHeaders.TYPE, EventTypes.ARTICLE_VIEWED.getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.ID, "v-1".getBytes(StandardCharsets.UTF_8)).build();
        assertThat(reader.read(wire)).contains(view);
        assertThat(CloudEventReader.idOf(wire)).isEqualTo("v-1");

        Message<byte[]> canonical = MessageBuilder.withPayload(json).setHeader("ce-type", EventTypes.ARTICLE_VIEWED)
                .build();
        assertThat(reader.read(canonical)).contains(view);
    }

    @Test
    void anUnknownTypeIsSkippedButAKnownTypeThatDoesNotFitFails() {
        Message<byte[]> newer = MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.TYPE, "newsroom.article.viewed.v2").build();
        assertThat(reader.read(newer)).isEmpty();

        Message<byte[]> broken = MessageBuilder.withPayload("{\"articleId\":".getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.TYPE, EventTypes.ARTICLE_VIEWED).build();
        assertThatThrownBy(() -> reader.read(broken)).isInstanceOf(RuntimeException.class);
        Message<byte[]> empty = MessageBuilder.withPayload("null".getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.TYPE, EventTypes.ARTICLE_VIEWED).build();
        assertThatThrownBy(() -> reader.read(empty)).hasMessageContaining("Empty payload");
    }

    @Test
    void anEventWrittenBeforeAFieldExistedReadsWithItsDefaultAndUnknownFieldsAreIgnored() {
        Message<byte[]> old = MessageBuilder.withPayload(
                        "{\"articleId\":\"42\",\"occurredAt\":\"2022-01-07T01:00:00Z\",\"addedInV1_7\":true}"
                                .getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.TYPE, EventTypes.ARTICLE_UNPUBLISHED).build();
        ArticleUnpublished read = (ArticleUnpublished) reader.read(old).orElseThrow();
        assertThat(read.articleId()).isEqualTo("42");
        assertThat(read.revision()).isZero();
    }

    private static String header(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }
}
