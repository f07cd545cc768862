package newsroom.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import newsroom.localrun.LocalRun;
import newsroom.localrun.ServiceProcess;
import newsroom.testing.InProcessInfrastructure;
import newsroom.testing.ReservedPorts;

/**
 * Services as child JVMs, started exactly as the local run starts them ({@link ServiceProcess} and
 * {@link LocalRun.ServiceDefinition}: the service's exec jar extracted ({@code -Djarmode=tools extract}, as the local
 * run does for its class-data archives), the same JVM options and heap, configured by environment variables), on
 * this JVM's in-process broker and store, each on a port of {@link ReservedPorts}, with its output in {@code target/child-logs/}.
 * {@link #kill} ends one with SIGKILL: no shutdown hook, no graceful drain, no commit — what a crashed machine or an
 * OOM killer does.
 *
 * <p>Extracted, because a start reads its classes from plain jars instead of unpacking them from the jars nested in
 * the exec jar: about a quarter less CPU to ready (bench/README.md), on every one of the crash tests' seven starts,
 * for one extraction (about 2 s) per service and test JVM. The jars are built by {@code package}, which runs for every
 * service module before system-tests in {@code ./mvnw verify}; a missing jar fails the test, saying so.
 */
final class ChildServices implements AutoCloseable {

    private static final Path LOGS = Path.of("target", "child-logs");
    /** Each test JVM extracts into a folder of its own, named by its pid: two forks may start the same service at once. */
    private static final Path EXTRACTED_ROOT = Path.of("target", "service-jars");
    private static final Path EXTRACTED = EXTRACTED_ROOT.resolve(String.valueOf(ProcessHandle.current().pid()));
    private static final Map<String, Path> extractedJars = new HashMap<>();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<ServiceProcess> started = new ArrayList<>();

    /** The environment every child gets: the in-process broker, a database of its own, the admin password. */
    static Map<String, String> environment(String database) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BROKERS", InProcessInfrastructure.kafkaBootstrapServers());
        env.put("KAFKA_PARTITIONS", String.valueOf(InProcessInfrastructure.PARTITIONS));
        env.put("MONGODB_URI", InProcessInfrastructure.mongo().getConnectionString() + "/" + database);
        env.put("NEWSROOM_ADMIN_PASSWORD", RunningSystem.ADMIN_PASSWORD);
        env.put("LOGGING_LEVEL_ORG_APACHE_KAFKA", "WARN");
        return env;
    }

    /** Starts {@code module}'s exec jar as a child JVM named {@code name} (its log file) and waits until it is ready. */
    ServiceProcess start(String module, String name, int port, Map<String, String> env) {
        LocalRun.ServiceDefinition definition = LocalRun.ServiceDefinition.named(module);
        Path jar = Path.of("..").resolve(definition.jar()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: the crash tests run the services' exec jars, which "
                    + "'package' builds; run ./mvnw verify (or install the service modules first)");
        }
        try {
            Files.createDirectories(LOGS);
            ServiceProcess process = ServiceProcess.start(name, port, definition.maxHeap(), extracted(module, jar),
                    LOGS, env);
            started.add(process);
            long startedAt = System.nanoTime();
            // Generous: on a busy 2-core machine a service JVM has been seen to take over two minutes to start.
            process.awaitReady(http, Duration.ofSeconds(300));
            // Where the crash tests' time goes: their child JVMs' starts (wall time depends on the machine's load,
            // CPU seconds much less).
            System.out.printf("%s ready in %.1f s, %s CPU seconds%n", name, (System.nanoTime() - startedAt) / 1e9,
                    cpuSeconds(process.pid()));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The exec jar extracted to a plain jar beside a {@code lib/} folder, once per test JVM. */
    private static synchronized Path extracted(String module, Path execJar) throws IOException, InterruptedException {
        Path known = extractedJars.get(module);
        if (known != null) {
            return known;
        }
        if (extractedJars.isEmpty()) {
            deleteFoldersOfEndedTestJvms();
        }
        Path destination = EXTRACTED.resolve(module).toAbsolutePath();
        Path log = LOGS.resolve(module + "-extract.log");
        Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Djarmode=tools", "-jar", execJar.toString(), "extract", "--force",
                "--destination", destination.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Path jar = destination.resolve(execJar.getFileName());
        if (!extract.waitFor(120, TimeUnit.SECONDS) || extract.exitValue() != 0 || !Files.isRegularFile(jar)) {
            extract.destroyForcibly();
            throw new AssertionError("Extracting " + execJar + " failed; see " + log.toAbsolutePath());
        }
        extractedJars.put(module, jar);
        return jar;
    }

    /**
     * Deletes earlier test runs' extracted jars (about 90 MB a service), so that repeated builds do not pile them up.
     * Best effort: both forks of a run may do it at once.
     */
    private static void deleteFoldersOfEndedTestJvms() throws IOException {
        if (!Files.isDirectory(EXTRACTED_ROOT)) {
            return;
        }
        try (Stream<Path> folders = Files.list(EXTRACTED_ROOT)) {
            for (Path folder : folders.toList()) {
                String name = folder.getFileName().toString();
                if (name.matches("\\d+") && ProcessHandle.of(Long.parseLong(name)).isEmpty()) {
                    try (Stream<Path> files = Files.walk(folder)) {
                        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(file);
                        }
                    } catch (IOException | UncheckedIOException alsoBeingDeleted) {
                        // the other test JVM cleans up at the same moment: what it leaves, the next run deletes
                    }
                }
            }
        }
    }

    /** User and system CPU seconds a process has used so far, from /proc (Linux); "?" elsewhere. */
    static String cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime, fields 14 and 15 of proc(5), in clock ticks (100 a second on Linux)
            return String.format("%.1f", (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0);
        } catch (IOException | RuntimeException notLinux) {
            return "?";
        }
    }

    /** SIGKILL (Process.destroyForcibly on Linux), then waits until the process is gone. */
    static void kill(ServiceProcess process) {
        ProcessHandle handle = ProcessHandle.of(process.pid()).orElseThrow();
        handle.destroyForcibly();
        try {
            handle.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(process.name + " (pid " + process.pid() + ") did not die", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            if (started.get(i).isAlive()) {
                started.get(i).stop(Duration.ofSeconds(15));
            }
        }
    }
}
