package newsroom.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import newsroom.testing.ReservedPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service that cannot start is reported with what to do and where its log is, not left to hang. */
class ServiceProcessTests {

    @TempDir
    Path dir;

    @Test
    void aMissingJarSaysToBuildFirst() {
        Path jar = dir.resolve("article-service-exec.jar");
        assertThatThrownBy(() -> ServiceProcess.start("article-service", 0, "64m", jar, dir, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(jar.toString()).hasMessageContaining("build first");
    }

    @Test
    void aServiceThatExitsIsReportedWithItsExitCodeAndLogFile() throws Exception {
        Path jar = Files.writeString(dir.resolve("broken-exec.jar"), "not a jar");
        ServiceProcess process = ServiceProcess.start("broken-service", 1, "64m", jar, dir, Map.of());
        HttpClient http = HttpClient.newHttpClient();

        assertThatThrownBy(() -> process.awaitReady(http, Duration.ofSeconds(60)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken-service exited with code 1")
                .hasMessageContaining(dir.resolve("broken-service.log").toString());
        assertThat(process.isAlive()).isFalse();
        // The JVM's own complaint is in the service's log, where the message points.
        assertThat(Files.readString(dir.resolve("broken-service.log"))).containsIgnoringCase("jarfile");
    }

    @Test
    void aServiceThatNeverAnswersIsReportedAfterTheTimeoutAndStops() throws Exception {
        // A JVM that stays up without serving anything: a jar whose main class (below) only sleeps.
        Path jar = dir.resolve("silent-exec.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Silent.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH,
                Path.of(Silent.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toString());
        new JarOutputStream(Files.newOutputStream(jar), manifest).close();

        ServiceProcess process = ServiceProcess.start("silent-service", ReservedPorts.next(), "64m", jar, dir,
                Map.of());
        try {
            assertThatThrownBy(() -> process.awaitReady(HttpClient.newHttpClient(), Duration.ofSeconds(3)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("silent-service was not ready within PT3S")
                    .hasMessageContaining("silent-service.log");
            assertThat(process.isAlive()).isTrue();
        } finally {
            process.stop(Duration.ofSeconds(5));
        }
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void servicesCompileWithC1OnlyUnlessNamedForC2() {
        assertThat(ServiceProcess.fullJit(null)).isEmpty();
        assertThat(ServiceProcess.fullJit("none")).isEmpty();
        assertThat(ServiceProcess.fullJit(" article-service, category-service ,"))
                .containsExactlyInAnyOrder("article-service", "category-service");
        // the tests run without NEWSROOM_C2_SERVICES: every service stops at C1
        assertThat(ServiceProcess.javaCommand("article-service", "256m"))
                .contains("-XX:TieredStopAtLevel=1", "-Xmx256m");
    }

    /** The main class of the silent service: up, but never listening. */
    public static final class Silent {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(60_000);
        }
    }
}
