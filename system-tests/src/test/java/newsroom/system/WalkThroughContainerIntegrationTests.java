package newsroom.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same walk-through on real Kafka (apache/kafka, KRaft) and a real MongoDB replica set. Needs a Docker engine:
 * skipped where there is none (such as this project's CI), saying so on the console; run wherever Docker exists. The
 * one test allowed to skip in CI: the same walk-through always runs on the in-process broker and store.
 */
@Testcontainers
@EnabledIf("dockerIsAvailable")
class WalkThroughContainerIntegrationTests {

    static boolean dockerIsAvailable() {
        boolean available = DockerClientFactory.instance().isDockerAvailable();
        if (!available) {
            System.out.println("SKIPPED: WalkThroughContainerIntegrationTests (real Kafka and MongoDB containers): "
                    + "no Docker engine here; WalkThroughIntegrationTests runs the same walk-through in-process");
        }
        return available;
    }

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
