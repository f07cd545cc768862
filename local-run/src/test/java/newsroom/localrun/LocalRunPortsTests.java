package newsroom.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import newsroom.localrun.LocalRun.ServiceDefinition;
import org.junit.jupiter.api.Test;

/**
 * NEWSROOM_PORT_OFFSET moves every port of the local run, so a second run can live beside the first. This JVM runs
 * with NEWSROOM_PORT_OFFSET=100 (local-run's pom sets it for its tests).
 */
class LocalRunPortsTests {

    @Test
    void theOffsetMovesEveryServiceAndInfrastructurePort() {
        assertThat(LocalRun.PORT_OFFSET).isEqualTo(100);
        assertThat(ServiceDefinition.ALL).extracting(ServiceDefinition::name, ServiceDefinition::port)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("category-service", 8182),
                        org.assertj.core.groups.Tuple.tuple("article-service", 8181),
                        org.assertj.core.groups.Tuple.tuple("stats-service", 8183),
                        org.assertj.core.groups.Tuple.tuple("portal", 8180));
        assertThat(List.of(LocalRun.KAFKA_PORT, LocalRun.KAFKA_CONTROLLER_PORT, LocalRun.MONGO_PORT))
                .containsExactly(29192, 29193, 28117);
    }

    @Test
    void thePortalIsPointedAtTheServicesOnTheirOffsetPorts() {
        Map<String, String> portalEnv = ServiceDefinition.named("portal").extraEnv();
        assertThat(portalEnv).containsOnly(
                Map.entry("ARTICLE_SERVICE_URL", "http://localhost:8181"),
                Map.entry("CATEGORY_SERVICE_URL", "http://localhost:8182"),
                Map.entry("STATS_SERVICE_URL", "http://localhost:8183"));
    }

    @Test
    void noTwoPortsCollide() {
        List<Integer> ports = new java.util.ArrayList<>(ServiceDefinition.ALL.stream().map(ServiceDefinition::port)
                .toList());
        ports.addAll(List.of(LocalRun.KAFKA_PORT, LocalRun.KAFKA_CONTROLLER_PORT, LocalRun.MONGO_PORT));
        assertThat(ports).doesNotHaveDuplicates();
    }

    @Test
    void anOffsetThatIsNotAWholeNumberInRangeIsRefusedNamingTheVariable() {
        assertThat(LocalRun.portOffset(null)).isZero();
        assertThat(LocalRun.portOffset(" ")).isZero();
        assertThat(LocalRun.portOffset(" 600 ")).isEqualTo(600);
        for (String bad : List.of("abc", "-1", "1.5", "40000")) {
            assertThatThrownBy(() -> LocalRun.portOffset(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NEWSROOM_PORT_OFFSET").hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void anUnknownServiceNameIsRefused() {
        assertThatThrownBy(() -> ServiceDefinition.named("mail-service")).hasMessageContaining("mail-service");
    }
}
