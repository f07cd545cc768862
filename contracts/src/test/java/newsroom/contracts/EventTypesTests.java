package newsroom.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventTypesTests {

    @Test
    void allListsEveryTypeConstantOnce() {
        var constants = Arrays.stream(EventTypes.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(EventTypesTests::value)
                .toList();

        assertThat(EventTypes.all()).containsExactlyInAnyOrderElementsOf(constants).doesNotHaveDuplicates();
    }

    @Test
    void payloadOfAndTypeOfRoundTripForEveryType() {
        assertThat(EventTypes.all()).allSatisfy(type -> {
            Class<?> payload = EventTypes.payloadOf(type);
            assertThat(payload).as(type).isNotNull().matches(Class::isRecord, "is a record");
            assertThat(EventTypes.typeOf(payload)).isEqualTo(type);
        });
    }

    @Test
    void typesAreVersionedNewsroomNames() {
        assertThat(EventTypes.all()).allMatch(type -> type.matches("newsroom(\\.[a-z]+)+\\.v[0-9]+"));
    }

    @Test
    void anUnknownOrFutureTypeHasNoPayload() {
        assertThat(EventTypes.payloadOf("newsroom.article.viewed.v2")).isNull();
        assertThat(EventTypes.payloadOf(null)).isNull();
    }

    @Test
    void aClassThatIsNoPayloadHasNoType() {
        assertThatThrownBy(() -> EventTypes.typeOf(ArticleCard.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTypeHasASchemaResourceAndADataSchemaUrn() {
        assertThat(EventTypes.all()).allSatisfy(type -> {
            assertThat(EventTypes.schemaResource(type)).isEqualTo("/schemas/" + type + ".schema.json");
            assertThat(EventTypesTests.class.getResource(EventTypes.schemaResource(type))).as(type).isNotNull();
            assertThat(CloudEventHeaders.dataSchemaOf(type)).isEqualTo("urn:newsroom:schema:" + type);
        });
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
