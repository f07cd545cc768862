package newsroom.stats.tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import newsroom.contracts.EventSchemas;
import newsroom.contracts.EventTypes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The counting path checks view payloads with a hand-written mirror of the JSON Schema (the general validator is too
 * slow for millions of events); this keeps the two in agreement, and the schema's words in the dead-letter reason.
 */
class ViewDecoderTests {

    private final ViewDecoder decoder = new ViewDecoder();

    private static final String BASE = """
            {"viewId":"v-1","articleId":"a-1","categoryId":"13","categoryPath":["1","13"],
             "viewedAt":"2026-11-28T08:00:00Z","visitorKey":"k","referrer":null,"userAgent":"Mozilla/5.0"%s}""";

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            ",\"extra\":\"fields are allowed within v1\"",
            ",\"referrer\":\"https://example.org/\"",
    })
    void validPayloadsPassBoth(String extra) {
        String json = BASE.formatted(extra).replace(",\"referrer\":null", extra.contains("referrer") ? "" : ",\"referrer\":null");
        assertAgreement(json, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "[]",
            "null",
            "not json",
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":[],\"viewedAt\":\"2026-11-28T08:00:00Z\"}",
            "{\"viewId\":\"\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":[],\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\"}",
            "{\"viewId\":\"v\",\"articleId\":7,\"categoryId\":\"1\",\"categoryPath\":[],\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\"}",
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":\"1\",\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\"}",
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":[\"\"],\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\"}",
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":[1],\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\"}",
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":[],\"viewedAt\":\"2026-11-28 08:00\",\"visitorKey\":\"k\"}",
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":[],\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\",\"userAgent\":5}",
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":[],\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\",\"referrer\":{}}",
    })
    void invalidPayloadsFailBothAndTheReasonComesFromTheSchema(String json) {
        assertAgreement(json, false);
        ViewDecoder.Result result = decoder.decode(json.getBytes(StandardCharsets.UTF_8), decoder.scratch());
        assertThat(result.invalidReason()).startsWith("$");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-11-28T08:00:00Z", "2026-11-28T08:00:00.5Z", "2026-11-28T23:59:59.123456789Z", "2024-02-29T12:00:00Z",
            "1999-12-31T00:00:00.000Z", "2026-11-28T08:00:00+01:00", "2026-11-28T08:00:00.25-05:30",
    })
    void timesAreReadAsInstantParseAndOffsetDateTimeReadThem(String time) {
        assertThat(ViewDecoder.parseDateTime(time)).isEqualTo(OffsetDateTime.parse(time).toInstant());
        // and the same from a payload, where the decoder reads the time from the parser's characters
        byte[] payload = BASE.formatted("").replace("2026-11-28T08:00:00Z", time).getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.fastDecode(payload, decoder.scratch()).viewedAt())
                .isEqualTo(OffsetDateTime.parse(time).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-11-28T08:00:00", "2026-11-28 08:00:00Z", "2026-13-28T08:00:00Z", "2026-02-30T08:00:00Z",
            "2025-02-29T08:00:00Z", "2026-11-28T24:00:00Z", "2026-11-28T08:60:00Z",
            "2026-11-28T08:00:00.1234567890Z", "2026-11-28T08:0a:00Z", "2026-11-28", "",
    })
    void timesThatAreNotRfc3339DateTimesAreRefused(String time) {
        assertThat(ViewDecoder.parseDateTime(time)).isNull();
    }

    private void assertAgreement(String json, boolean valid) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(EventSchemas.validate(EventTypes.ARTICLE_VIEWED, bytes).isEmpty()).as("schema on " + json)
                .isEqualTo(valid);
        assertThat(decoder.fastDecode(bytes, decoder.scratch()) != null).as("fast check on " + json).isEqualTo(valid);
    }
}
