package newsroom.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** The records are the v1 readers: what a consumer built on this jar accepts. */
class EventRecordsTests {

    static Stream<String> types() {
        return Fixtures.types();
    }

    static Stream<Object> records() {
        return Fixtures.sampleRecords();
    }

    @ParameterizedTest
    @MethodSource("types")
    void aV1ReaderReadsTheFixture(String type) {
        Object payload = Fixtures.JSON.readValue(Fixtures.text(type), EventTypes.payloadOf(type));

        assertThat(payload).isInstanceOf(EventTypes.payloadOf(type));
        // Nothing lost or renamed: written back, the record gives the fixture again (compared as compact JSON text,
        // since a tree read from text holds small numbers as ints, one made from a record as longs).
        assertThat(Fixtures.JSON.writeValueAsString(payload))
                .isEqualTo(Fixtures.JSON.writeValueAsString(Fixtures.tree(type)));
    }

    @ParameterizedTest
    @MethodSource("types")
    void aV1ReaderAcceptsAnEventWithFieldsAddedLater(String type) {
        ObjectNode event = Fixtures.tree(type);
        event.put("addedInALaterRelease", "x");
        event.putObject("addedObject").putArray("items").add(1);
        if (event.get("article") instanceof ObjectNode card) {
            card.put("addedToTheCard", true);
        }

        Object payload = Fixtures.JSON.treeToValue(event, EventTypes.payloadOf(type));

        assertThat(payload).isEqualTo(Fixtures.JSON.readValue(Fixtures.text(type), EventTypes.payloadOf(type)));
    }

    @ParameterizedTest
    @MethodSource("records")
    void whatAProducerWritesAReaderReadsBackUnchanged(Object record) {
        String json = Fixtures.JSON.writeValueAsString(record);

        assertThat(Fixtures.JSON.readValue(json, record.getClass())).isEqualTo(record);
    }
}
