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

    /** The usual form, as the beacon and other producers write it: read by the byte scanner, as the parse reads it. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"viewId\":\"v-1\",\"articleId\":\"a-1\",\"categoryId\":\"13\",\"categoryPath\":[\"1\",\"13\"],\"viewedAt\":\"2026-11-28T08:00:00.123Z\",\"visitorKey\":\"k\",\"referrer\":null,\"userAgent\":\"Mozilla/5.0 (X11)\"}",
            " { \"userAgent\" : null , \"visitorKey\":\"k\",\"viewedAt\":\"2026-11-28T08:00:00Z\",\"categoryPath\":[ ],\r\n\t\"categoryId\":\"13\",\"articleId\":\"a\",\"viewId\":\"v\"} ",
            "{\"viewId\":\"old\",\"viewId\":\"new\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":[\"x\"],\"categoryPath\":[\"1\"],\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\",\"later\":true,\"other\":null,\"referrer\":\"https://example.org/?a=1\",\"userAgent\":\"\"}",
    })
    void theByteScannerReadsTheUsualFormAsTheParseDoes(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        DecodedView scanned = decoder.scratch().scanner.scan(bytes);
        assertThat(scanned).isNotNull().isEqualTo(decoder.parse(bytes, new ViewDecoder().scratch()));
        assertThat(EventSchemas.validate(EventTypes.ARTICLE_VIEWED, bytes)).isEmpty();
    }

    /** What the scanner does not read it leaves to the parse, which decides: the view or null, never another view. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":[],\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\",\"userAgent\":\"Mozilla/5.0 (Linux; U; zh-CN) 浏览器\"}",
            "{\"viewId\":\"v\",\"articleId\":\"a\\\"b\",\"categoryId\":\"1\",\"categoryPath\":[],\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\"}",
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":[],\"viewedAt\":\"2026-11-28T09:00:00+01:00\",\"visitorKey\":\"k\"}",
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":[],\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\",\"extra\":{\"n\":[1,2]}}",
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":[],\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\",\"n\":12}",
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":[],\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\",\"referrer\":true}",
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":[],\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\"} {}",
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":[],\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\",}",
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":[],\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\",\"userAgent\":nullx}",
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"1\",\"categoryPath\":[\"1\",],\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\"}",
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"\",\"categoryPath\":[],\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\"}",
            "{\"viewId\":\"v\",\"articleId\":\"a\",\"categoryId\":\"1\",\"viewedAt\":\"2026-11-28T08:00:00Z\",\"visitorKey\":\"k\"}",
            "{\"viewId\":\"v\",\"articleId\":\"a\"",
    })
    void whatTheScannerDoesNotReadTheParseDecides(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.scratch().scanner.scan(bytes)).isNull();
        DecodedView parsed = decoder.parse(bytes, decoder.scratch());
        assertThat(decoder.fastDecode(bytes, decoder.scratch())).isEqualTo(parsed);
        assertThat(parsed != null).as("schema on " + json)
                .isEqualTo(EventSchemas.validate(EventTypes.ARTICLE_VIEWED, bytes).isEmpty());
    }

    private void assertAgreement(String json, boolean valid) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(EventSchemas.validate(EventTypes.ARTICLE_VIEWED, bytes).isEmpty()).as("schema on " + json)
                .isEqualTo(valid);
        assertThat(decoder.fastDecode(bytes, decoder.scratch()) != null).as("fast check on " + json).isEqualTo(valid);
    }
}
