package newsroom.system;

import newsroom.testing.InProcessInfrastructure;
import org.junit.jupiter.api.Test;

/** The README walk-through on the in-process KRaft broker and mongo-java-server: runs on every machine. */
class WalkThroughIntegrationTests {

    @Test
    void anArticlePublishedInANewCategoryIsListedAndItsThreeViewsAreCounted() {
        try (RunningSystem system = new RunningSystem(InProcessInfrastructure.kafkaBootstrapServers(),
                InProcessInfrastructure.mongo().getConnectionString())) {
            WalkThroughScenario.run(system);
        }
    }
}
