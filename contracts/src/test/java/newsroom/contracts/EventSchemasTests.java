package newsroom.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class EventSchemasTests {

    static Stream<String> types() {
        return Fixtures.types();
    }

    static JsonNode schemaOf(String type) throws Exception {
        try (InputStream in = EventSchemasTests.class.getResourceAsStream(EventTypes.schemaResource(type))) {
            assertThat(in).as("schema resource of %s", type).isNotNull();
            return Fixtures.JSON.readTree(in);
        }
    }

    @Test
    void everyTypeHasASchemaResource() {
        assertThat(EventTypes.all()).isNotEmpty().allSatisfy(type -> {
            assertThat(EventSchemasTests.class.getResource(EventTypes.schemaResource(type))).as(type).isNotNull();
            assertThat(EventSchemas.hasSchema(type)).as(type).isTrue();
        });
    }

    @ParameterizedTest
    @MethodSource("types")
    void everySchemaIsAValidDraft202012SchemaThatAllowsAddedFields(String type) throws Exception {
        Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        JsonNode schema = schemaOf(type);

        assertThat(metaSchema.validate(schema)).as("meta-schema violations of %s", type).isEmpty();
        assertThat(schema.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asString()).isEqualTo(CloudEventHeaders.dataSchemaOf(type));
        assertThat(schema.path("additionalProperties").asBoolean()).isTrue();
        assertRequiredAreDeclared(type, schema);
    }

    private static void assertRequiredAreDeclared(String where, JsonNode objectSchema) {
        for (JsonNode required : objectSchema.path("required")) {
            assertThat(objectSchema.path("properties").has(required.asString()))
                    .as("%s: required '%s' is a declared property", where, required.asString()).isTrue();
        }
        objectSchema.path("$defs").properties().forEach(def -> {
            assertThat(def.getValue().path("additionalProperties").asBoolean()).as(def.getKey()).isTrue();
            assertRequiredAreDeclared(where + "#" + def.getKey(), def.getValue());
        });
    }

    @Test
    void publishedAndUpdatedDescribeTheArticleCardAlike() throws Exception {
        assertThat(schemaOf(EventTypes.ARTICLE_UPDATED).at("/$defs/ArticleCard"))
                .isEqualTo(schemaOf(EventTypes.ARTICLE_PUBLISHED).at("/$defs/ArticleCard"))
                .isNotNull();
    }

    @ParameterizedTest
    @MethodSource("types")
    void theFixtureOfEveryTypeIsValid(String type) {
        assertThat(EventSchemas.validate(type, Fixtures.text(type))).isEmpty();
        assertThat(EventSchemas.isValid(type, Fixtures.text(type))).isTrue();
    }

    static Stream<Object> records() {
        return Fixtures.sampleRecords();
    }

    @ParameterizedTest
    @MethodSource("records")
    void whatProducersWriteWithJackson3MatchesTheSchema(Object record) {
        String json = Fixtures.JSON.writeValueAsString(record);

        assertThat(EventSchemas.validate(EventTypes.typeOf(record.getClass()), json)).as(json).isEmpty();
    }

    @Test
    void jackson3WritesInstantsAsIsoStringsAndNullsAsNull() {
        JsonNode json = Fixtures.JSON.valueToTree(
                new ArticlePublished("a1", 1, Fixtures.minimalCard(), Fixtures.T, null, null));

        assertThat(json.path("occurredAt").asString()).isEqualTo("2022-01-07T01:00:00Z");
        assertThat(json.path("scheduledFor").isNull()).isTrue();
        assertThat(json.path("article").path("keywords").isArray()).isTrue();
        assertThat(json.path("article").path("headline").isBoolean()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("types")
    void anUnknownAddedFieldIsAllowed(String type) {
        ObjectNode event = Fixtures.tree(type);
        event.put("addedInALaterRelease", "whatever");
        event.putObject("anotherOne").put("nested", 1);

        assertThat(EventSchemas.validate(type, event)).isEmpty();
    }

    static Stream<Arguments> requiredFields() throws Exception {
        List<Arguments> cases = new ArrayList<>();
        for (String type : EventTypes.all()) {
            JsonNode schema = schemaOf(type);
            for (JsonNode field : schema.path("required")) {
                cases.add(Arguments.of(type, "", field.asString()));
            }
            if (schema.path("properties").has("article")) {
                for (JsonNode field : schema.at("/$defs/ArticleCard/required")) {
                    cases.add(Arguments.of(type, "article", field.asString()));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} without {1}.{2}")
    @MethodSource("requiredFields")
    void aPayloadMissingARequiredFieldIsRejectedNamingTheField(String type, String parent, String field) {
        ObjectNode event = Fixtures.tree(type);
        ObjectNode holder = parent.isEmpty() ? event : (ObjectNode) event.get(parent);
        holder.remove(field);

        List<String> violations = EventSchemas.validate(type, Fixtures.JSON.writeValueAsString(event));

        assertThat(violations).hasSize(1);
        assertThat(violations.get(0)).contains("'" + field + "'").contains("required");
        if (!parent.isEmpty()) {
            assertThat(violations.get(0)).startsWith("$." + parent);
        }
    }

    @Test
    void aFieldOfTheWrongTypeIsRejectedNamingTheField() {
        ObjectNode event = Fixtures.tree(EventTypes.ARTICLE_PUBLISHED);
        event.put("revision", "four");
        ((ObjectNode) event.get("article")).put("headline", "yes");

        List<String> violations = EventSchemas.validate(EventTypes.ARTICLE_PUBLISHED, event);

        assertThat(violations).hasSize(2).anySatisfy(v -> assertThat(v).startsWith("$.revision").contains("integer"))
                .anySatisfy(v -> assertThat(v).startsWith("$.article.headline").contains("boolean"));
    }

    @Test
    void aRequiredFieldThatIsNullIsRejected() {
        ObjectNode event = Fixtures.tree(EventTypes.ARTICLE_VIEWED);
        event.putNull("articleId");

        assertThat(EventSchemas.validate(EventTypes.ARTICLE_VIEWED, event))
                .singleElement().asString().startsWith("$.articleId").contains("null");
    }

    @Test
    void nullableFieldsMayBeNullOrAbsent() {
        ObjectNode event = Fixtures.tree(EventTypes.ARTICLE_VIEWED);
        event.putNull("referrer");
        event.remove("userAgent");

        assertThat(EventSchemas.validate(EventTypes.ARTICLE_VIEWED, event)).isEmpty();
    }

    @Test
    void timestampsMustBeRfc3339() {
        ObjectNode event = Fixtures.tree(EventTypes.ARTICLE_VIEWED);
        event.put("viewedAt", "07/01/2022 01:00");

        assertThat(EventSchemas.validate(EventTypes.ARTICLE_VIEWED, event))
                .singleElement().asString().startsWith("$.viewedAt").contains("date-time");
    }

    @Test
    void timestampsAsEpochNumbersAreRejected() {
        ObjectNode event = Fixtures.tree(EventTypes.ARTICLE_UNPUBLISHED);
        event.put("occurredAt", 1641517200);

        assertThat(EventSchemas.validate(EventTypes.ARTICLE_UNPUBLISHED, event))
                .singleElement().asString().startsWith("$.occurredAt");
    }

    @Test
    void slugsAndEnumsAreChecked() {
        ObjectNode article = Fixtures.tree(EventTypes.ARTICLE_UPDATED);
        ((ObjectNode) article.get("article")).put("slug", "Not A Slug");
        ObjectNode category = Fixtures.tree(EventTypes.CATEGORY_CHANGED);
        category.put("change", "EXPLODED");

        assertThat(EventSchemas.validate(EventTypes.ARTICLE_UPDATED, article))
                .singleElement().asString().startsWith("$.article.slug");
        assertThat(EventSchemas.validate(EventTypes.CATEGORY_CHANGED, category))
                .singleElement().asString().startsWith("$.change");
    }

    @Test
    void listsMustHoldStrings() {
        ObjectNode event = Fixtures.tree(EventTypes.ARTICLE_VIEWED);
        ArrayNode path = event.putArray("categoryPath");
        path.add("c1").add(11);

        assertThat(EventSchemas.validate(EventTypes.ARTICLE_VIEWED, event))
                .singleElement().asString().startsWith("$.categoryPath[1]");
    }

    @Test
    void textThatIsNotJsonIsAViolationNotAnException() {
        assertThat(EventSchemas.validate(EventTypes.ARTICLE_VIEWED, "{\"viewId\": ")).singleElement().asString()
                .contains("not valid JSON");
        assertThat(EventSchemas.validate(EventTypes.ARTICLE_VIEWED, "{} trailing")).singleElement().asString()
                .contains("not valid JSON");
        assertThat(EventSchemas.validate(EventTypes.ARTICLE_VIEWED, "")).singleElement().asString()
                .contains("empty");
        assertThat(EventSchemas.validate(EventTypes.ARTICLE_VIEWED, (byte[]) null)).singleElement().asString()
                .contains("empty");
        assertThat(EventSchemas.validate(EventTypes.ARTICLE_VIEWED, "[1, 2]")).singleElement().asString()
                .startsWith("$:").contains("object");
        assertThat(EventSchemas.validate(EventTypes.ARTICLE_VIEWED, "null")).isNotEmpty();
    }

    @Test
    void bytesTextAndTreeGiveTheSameAnswer() {
        ObjectNode event = Fixtures.tree(EventTypes.ARTICLE_VIEWED);
        event.remove("viewId");
        String text = Fixtures.JSON.writeValueAsString(event);

        List<String> fromText = EventSchemas.validate(EventTypes.ARTICLE_VIEWED, text);

        assertThat(fromText).hasSize(1);
        assertThat(EventSchemas.validate(EventTypes.ARTICLE_VIEWED, text.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(fromText);
        assertThat(EventSchemas.validate(EventTypes.ARTICLE_VIEWED, event)).isEqualTo(fromText);
    }

    @Test
    void aTypeWithoutASchemaIsTheCallersToSkipNotAnInvalidEvent() {
        assertThat(EventSchemas.hasSchema("newsroom.article.viewed.v2")).isFalse();
        assertThat(EventSchemas.hasSchema(null)).isFalse();
        assertThatThrownBy(() -> EventSchemas.validate("newsroom.article.viewed.v2", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newsroom.article.viewed.v2");
    }

    @Test
    void validationIsSafeFromManyThreadsAtOnce() throws Exception {
        String valid = Fixtures.text(EventTypes.ARTICLE_PUBLISHED);
        ObjectNode broken = Fixtures.tree(EventTypes.ARTICLE_PUBLISHED);
        ((ObjectNode) broken.get("article")).remove("title");
        String invalid = Fixtures.JSON.writeValueAsString(broken);
        List<String> expected = EventSchemas.validate(EventTypes.ARTICLE_PUBLISHED, invalid);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                boolean even = i % 2 == 0;
                results.add(pool.submit(() -> even
                        ? EventSchemas.validate(EventTypes.ARTICLE_PUBLISHED, valid).isEmpty()
                        : EventSchemas.validate(EventTypes.ARTICLE_PUBLISHED, invalid).equals(expected)));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
