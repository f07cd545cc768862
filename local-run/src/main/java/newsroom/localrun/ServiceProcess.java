package newsroom.localrun;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service as a child JVM, exactly the jar an operator would run, configured by environment variables. Its output
 * goes to logs/NAME.log. Public because system-tests' crash tests start services exactly as the local run does.
 */
public final class ServiceProcess {

    /** Small heaps (each service's own maximum is given) and quick-start JIT: four JVMs fit one laptop. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m",
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxMetaspaceSize=192m",
            "-XX:ReservedCodeCacheSize=48m", "-Dfile.encoding=UTF-8");

    public final String name;
    public final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code jar} as a child JVM with at most {@code maxHeap} of heap ({@code -Xmx} syntax: "256m") on
     * {@code port}, with {@code env} added to this process's environment.
     */
    public static ServiceProcess start(String name, int port, String maxHeap, Path jar, Path logs,
            Map<String, String> env) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./run-local.sh does)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-Xmx" + maxHeap);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        Path log = logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        return new ServiceProcess(name, port, builder.start(), log);
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the readiness probe answers UP. */
    public void awaitReady(HttpClient http, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + "; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    /** SIGTERM first, so Spring shuts down gracefully (in-flight requests and batches finish). */
    public void stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
