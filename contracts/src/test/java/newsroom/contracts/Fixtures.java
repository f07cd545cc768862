package newsroom.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The example payloads of src/test/resources/fixtures (also shown in docs/events.md), and sample records. */
final class Fixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Fixtures() {
    }

    static String text(String type) {
        String resource = "/fixtures/" + type + ".json";
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(String type) {
        return (ObjectNode) JSON.readTree(text(type));
    }

    static Stream<String> types() {
        return EventTypes.all().stream();
    }

    static final Instant T = Instant.parse("2022-01-07T01:00:00Z");

    static ArticleCard fullCard() {
        return new ArticleCard("city-council-approves-new-tram-line", "City council approves new tram line",
                "Construction starts next spring", "The 12 km line connects the harbour with the campus.",
                "https://images.example.org/tram.jpg", "Newsroom", "Ana Ruiz", List.of("transport", "city"), "c11",
                List.of("c1", "c11"), true, true, false, 7, T);
    }

    /** Only what is always set: every nullable field null, lists null (the records turn them into empty lists). */
    static ArticleCard minimalCard() {
        return new ArticleCard(null, "Tram", null, null, null, null, null, null, "c11", null, false, false, false,
                0, T);
    }

    /** Records as producers build them: for every type one with every field set and one with only the required. */
    static Stream<Object> sampleRecords() {
        return Stream.of(
                new ArticlePublished("a1", 1, fullCard(), T, T.minusSeconds(60), 60_000L),
                new ArticlePublished("a1", 0, minimalCard(), T, null, null),
                new ArticleUpdated("a1", 2, fullCard(), T.plusNanos(123_456_789)),
                new ArticleUpdated("a1", 3, minimalCard(), T),
                new ArticleUnpublished("a1", 4, "c11", T),
                new ArticleViewed("v-1", "a1", "c11", List.of("c1", "c11"), T, "k3y", "https://example.org/",
                        "Mozilla/5.0"),
                new ArticleViewed("v-2", "a1", "c11", null, T, "k3y", null, null),
                new CategoryChanged("c11", 1, CategoryChanged.Change.CREATED, "City", "city", "c1",
                        List.of("c1", "c11"), 2, false, false, T),
                new CategoryChanged("c1", 9, CategoryChanged.Change.DELETED, "Root", "root", null, List.of("c1"), 0,
                        true, true, T));
    }
}
