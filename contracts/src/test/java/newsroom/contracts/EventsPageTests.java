package newsroom.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** docs/events.md names every topic, type and dead-letter header, and shows every fixture as it is. */
class EventsPageTests {

    static String page;

    @BeforeAll
    static void read() throws Exception {
        page = Files.readString(RepositoryFiles.docs().resolve("events.md"));
    }

    @Test
    void namesEveryTopicTypeAndDeadLetterTopic() {
        assertThat(page).contains(RepositoryFiles.topics()).contains(EventTypes.all())
                .contains(RepositoryFiles.DEAD_LETTER_TOPICS).contains(RepositoryFiles.DEAD_LETTER_HEADERS);
    }

    @Test
    void showsEveryFixtureUnchanged() {
        List<JsonNode> examples = new ArrayList<>();
        Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(page);
        while (block.find()) {
            examples.add(Fixtures.JSON.readTree(block.group(1)));
        }

        assertThat(EventTypes.all()).allSatisfy(type -> assertThat(examples).as("example of %s", type)
                .contains(Fixtures.JSON.readTree(Fixtures.text(type))));
    }
}
