package newsroom.system;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same walk-through on real Kafka (apache/kafka, KRaft) and a real MongoDB replica set. Needs a Docker engine:
 * skipped where there is none (such as this project's CI), run wherever Docker exists.
 */
@Testcontainers(disabledWithoutDocker = true)
class WalkThroughContainerIntegrationTests {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

    @Test
    void anArticlePublishedInANewCategoryIsListedAndItsThreeViewsAreCountedOnRealInfrastructure() {
        String mongo = MONGO.getReplicaSetUrl().replaceAll("/[^/]*$", "");
        try (RunningSystem system = new RunningSystem(KAFKA.getBootstrapServers(), mongo)) {
            WalkThroughScenario.run(system);
        }
    }
}
