package newsroom.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docs/asyncapi.yaml documents every topic and type of this jar, and every file it points to exists. */
class AsyncApiDocumentTests {

    static Path file;
    static Map<String, Object> doc;

    @BeforeAll
    static void parse() throws Exception {
        file = RepositoryFiles.docs().resolve("asyncapi.yaml");
        try (Reader in = Files.newBufferedReader(file)) {
            doc = new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String key) {
        Object value = ((Map<String, Object>) node).get(key);
        assertThat(value).as("'%s' in %s", key, node).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    static Object at(String pointer) {
        Object node = doc;
        for (String part : pointer.substring(2).split("/")) {
            assertThat(node).as(pointer).isInstanceOf(Map.class);
            node = ((Map<?, ?>) node).get(part.replace("~1", "/").replace("~0", "~"));
            assertThat(node).as("%s resolves", pointer).isNotNull();
        }
        return node;
    }

    static Map<String, Map<String, Object>> channelsByAddress() {
        return map(doc, "channels").values().stream()
                .map(channel -> (Map<String, Object>) cast(channel))
                .collect(Collectors.toMap(channel -> (String) channel.get("address"), channel -> channel));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object node) {
        return (Map<String, Object>) node;
    }

    @Test
    void isAnAsyncApi3DocumentForKafka() {
        assertThat(String.valueOf(doc.get("asyncapi"))).startsWith("3.");
        assertThat(map(doc, "servers").values()).allSatisfy(server ->
                assertThat(cast(server).get("protocol")).isEqualTo("kafka"));
        assertThat(doc.get("defaultContentType")).isEqualTo("application/json");
    }

    @Test
    void documentsEveryTopicAndEveryDeadLetterTopic() {
        assertThat(channelsByAddress().keySet())
                .containsAll(RepositoryFiles.topics())
                .containsAll(RepositoryFiles.DEAD_LETTER_TOPICS);
    }

    @Test
    void everyTopicStatesItsPartitionsAndRetention() {
        channelsByAddress().forEach((address, channel) -> {
            Map<String, Object> kafka = map(map(channel, "bindings"), "kafka");
            assertThat(kafka.get("topic")).as(address).isEqualTo(address);
            assertThat(kafka.get("partitions")).as("%s production partitions", address).isEqualTo(6);
            assertThat(channel.get("x-local-partitions")).as("%s local partitions", address).isEqualTo(3);
            assertThat(map(kafka, "topicConfiguration")).as(address).containsKey("cleanup.policy");
        });
        Map<String, Map<String, Object>> channels = channelsByAddress();
        assertThat(topicConfiguration(channels.get(Topics.ARTICLE_VIEWED)))
                .containsEntry("retention.ms", 7 * 24 * 3600 * 1000);
        assertThat(topicConfiguration(channels.get(Topics.CATEGORY_CHANGED)))
                .containsEntry("cleanup.policy", List.of("compact"));
    }

    private static Map<String, Object> topicConfiguration(Map<String, Object> channel) {
        return map(map(map(channel, "bindings"), "kafka"), "topicConfiguration");
    }

    @Test
    void documentsEveryEventTypeWithItsHeadersKeyAndSchema() {
        Map<String, Map<String, Object>> messagesByName = map(map(doc, "components"), "messages").values().stream()
                .map(AsyncApiDocumentTests::cast)
                .collect(Collectors.toMap(m -> (String) m.get("name"), m -> m));

        assertThat(messagesByName.keySet()).containsAll(EventTypes.all());
        for (String type : EventTypes.all()) {
            Map<String, Object> message = messagesByName.get(type);
            String payloadRef = (String) map(message, "payload").get("$ref");
            assertThat(payloadRef).as(type).endsWith("/contracts/src/main/resources" + EventTypes.schemaResource(type));
            assertThat(map(map(message, "bindings"), "kafka")).as("%s documents its key", type).containsKey("key");
            String headers = new Yaml().dump(message.get("headers"));
            assertThat(headers).as(type).contains("#/components/schemas/CloudEventHeaders").contains(type)
                    .contains(CloudEventHeaders.dataSchemaOf(type));
        }
    }

    @Test
    void theTopicOfEveryTypeCarriesIt() {
        Map<String, Map<String, Object>> channels = channelsByAddress();
        assertCarries(channels.get(Topics.ARTICLE_LIFECYCLE), EventTypes.ARTICLE_PUBLISHED,
                EventTypes.ARTICLE_UPDATED, EventTypes.ARTICLE_UNPUBLISHED);
        assertCarries(channels.get(Topics.ARTICLE_VIEWED), EventTypes.ARTICLE_VIEWED);
        assertCarries(channels.get(Topics.CATEGORY_CHANGED), EventTypes.CATEGORY_CHANGED);
    }

    private static void assertCarries(Map<String, Object> channel, String... types) {
        List<Object> names = map(channel, "messages").values().stream()
                .map(ref -> at((String) cast(ref).get("$ref")))
                .map(message -> cast(message).get("name"))
                .toList();
        assertThat(names).containsExactlyInAnyOrder((Object[]) types);
    }

    @Test
    void theCloudEventsAndDeadLetterHeadersAreDescribed() {
        Map<String, Object> schemas = map(map(doc, "components"), "schemas");
        assertThat(map(map(schemas, "CloudEventHeaders"), "properties")).containsKeys(
                CloudEventHeaders.ID, CloudEventHeaders.SOURCE, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.TYPE,
                CloudEventHeaders.TIME, CloudEventHeaders.SUBJECT, CloudEventHeaders.DATA_SCHEMA, "contentType");
        assertThat(map(map(schemas, "DeadLetterHeaders"), "properties"))
                .containsKeys(RepositoryFiles.DEAD_LETTER_HEADERS.toArray(String[]::new));
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs::add);

        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            if (ref.startsWith("#/")) {
                at(ref);
            } else {
                Path target = file.getParent().resolve(ref.split("#", 2)[0]).normalize();
                assertThat(target).as(ref).isRegularFile();
            }
        });
        assertThat(refs.stream().filter(ref -> !ref.startsWith("#")).distinct().count())
                .as("one schema file per type").isEqualTo(EventTypes.all().size());
    }

    private static void collectRefs(Object node, Consumer<String> refs) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("$ref".equals(key)) {
                    refs.accept((String) value);
                } else {
                    collectRefs(value, refs);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectRefs(item, refs));
        }
    }
}
