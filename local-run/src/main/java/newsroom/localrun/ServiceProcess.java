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
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One service as a child JVM, exactly the jar an operator would run, configured by environment variables. Its output
 * goes to logs/NAME.log. Public because system-tests' crash tests start services exactly as the local run does.
 */
public final class ServiceProcess {

    /**
     * Small heaps (each service's own maximum is given) and quick-start JIT: four JVMs fit one laptop. The heap gives
     * memory back after a full collection once more than 30% of it is free (the default keeps up to 70% free), so
     * what a start needed briefly (stats-service's user-agent rules are compiled from far more garbage than they
     * keep) does not stay resident. The local run gives each service an initial heap of its own after these
     * ({@link LocalRun.ServiceDefinition#initialHeap()}).
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m",
            "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:MaxMetaspaceSize=192m",
            "-XX:ReservedCodeCacheSize=48m", "-Dfile.encoding=UTF-8");
    /**
     * The services that keep C2; the others stop at C1 ({@code -XX:TieredStopAtLevel=1}). By default none: while
     * everything starts, C2 compiled start-up code on half of the two cores (article-service 12 of its 22 CPU seconds
     * to ready), and a C1-only local run was ready in half the time (bench/README.md, "Start-up and memory").
     */
    private static final Set<String> FULL_JIT = fullJit(System.getenv("NEWSROOM_C2_SERVICES"));

    private static final Path NICE = Path.of("/usr/bin/nice");

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
        return start(name, port, maxHeap, jar, List.of(), false, logs, env);
    }

    /**
     * {@link #start(String, int, String, Path, Path, Map)} with JVM options of its own, such as a class-data
     * archive's ({@link ClassDataArchive#options()}); {@code behind}: the JVM runs at a lower scheduling priority
     * ({@code nice}, where there is one), so that while everything starts on few cores the services the others wait
     * for get the CPU first, and this one the rest.
     */
    static ServiceProcess start(String name, int port, String maxHeap, Path jar, List<String> options, boolean behind,
            Path logs, Map<String, String> env) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./run-local.sh does)");
        }
        List<String> command = new ArrayList<>();
        if (behind && Files.isExecutable(NICE)) {
            command.addAll(List.of(NICE.toString(), "-n", "5")); // nice execs java: the pid stays the JVM's
        }
        command.addAll(javaCommand(name, maxHeap));
        command.addAll(options);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        Path log = logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // glibc gives every thread that mallocs an arena of its own (up to 8 per core); the JVM allocates little
        // outside its heap, so two arenas hold it all and the rest are resident memory for nothing.
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        return new ServiceProcess(name, port, builder.start(), log);
    }

    /**
     * The services that keep C2: {@code NEWSROOM_C2_SERVICES}, comma-separated service names (say
     * "article-service" to measure its hot paths at full speed); unset, blank or "none": every service C1 only.
     */
    static Set<String> fullJit(String setting) {
        if (setting == null || setting.isBlank()) {
            return Set.of();
        }
        return java.util.Arrays.stream(setting.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                .filter(name -> !name.equals("none")).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** {@code java} with the options every service JVM gets, up to (not including) what it runs. */
    static List<String> javaCommand(String name, String maxHeap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        if (!FULL_JIT.contains(name)) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.add("-Xmx" + maxHeap);
        // NEWSROOM_SERVICE_JVM_OPTIONS: options for every service JVM, after the local run's own (to profile a start:
        // "-Xlog:class+load:file=/tmp/%p-classes.log" or "-XX:StartFlightRecording=filename=/tmp/%p.jfr").
        String extra = System.getenv("NEWSROOM_SERVICE_JVM_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        return command;
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
            TimeUnit.MILLISECONDS.sleep(100);
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
