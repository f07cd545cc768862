package newsroom.stats.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class PolledViewDeserializerTests {

    private final PolledViewDeserializer deserializer = new PolledViewDeserializer();

    private static RecordHeaders headers(String type, boolean released, String rateLimited) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, "e-1".getBytes(StandardCharsets.UTF_8));
        if (type != null) {
            headers.add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        }
        if (released) {
            headers.add(ViewHeaders.RELEASED, "view-1".getBytes(StandardCharsets.UTF_8));
        }
        if (rateLimited != null) {
            headers.add(ViewHeaders.RATE_LIMITED, rateLimited.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    @Test
    void keepsThePayloadAsItCameAndReadsTheHeaderFactsCountingNeeds() {
        byte[] payload = "{\"viewId\":\"v\"}".getBytes(StandardCharsets.UTF_8);

        PolledView view = deserializer.deserialize("article-viewed",
                headers(EventTypes.ARTICLE_VIEWED, true, "true"), ByteBuffer.wrap(payload));

        assertThat(view.bytes()).isEqualTo(payload);
        assertThat(view.facts()).isEqualTo(new ViewHeaders(EventTypes.ARTICLE_VIEWED, true, true));
        assertThat(deserializer.deserialize("article-viewed", headers("newsroom.article.viewed.v2", false, "false"),
                payload).facts()).isEqualTo(new ViewHeaders("newsroom.article.viewed.v2", false, false));
        assertThat(deserializer.deserialize("article-viewed", headers(null, false, null), payload).facts())
                .isEqualTo(new ViewHeaders(null, false, false));
    }

    @Test
    void aRecordWithoutValueOrWithoutFactsIsReadAsBefore() {
        RecordHeaders headers = headers(EventTypes.ARTICLE_VIEWED, false, "true");
        assertThat(deserializer.deserialize("article-viewed", headers, (ByteBuffer) null)).isNull();

        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<byte[], PolledView> withoutFacts = new ConsumerRecord<>("article-viewed", 2, 7L, null,
                deserializer.deserialize("article-viewed", payload));
        withoutFacts.headers().add(CloudEventHeaders.TYPE, EventTypes.ARTICLE_VIEWED.getBytes(StandardCharsets.UTF_8));

        ViewRecord record = ViewRecord.of(List.of(withoutFacts)).get(0);

        assertThat(record.type()).isEqualTo(EventTypes.ARTICLE_VIEWED);
        assertThat(record.value()).isEqualTo(payload);
        assertThat(record.offset()).isEqualTo(7L);
        assertThat(record.partition()).isEqualTo(2);
    }
}
