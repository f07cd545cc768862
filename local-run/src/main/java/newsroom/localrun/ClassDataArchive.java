package newsroom.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive (AppCDS) for one service jar, so the local run's JVMs start on less CPU: the classes a
 * start loads are read from the archive already parsed and verified instead of being unpacked from nested jars,
 * parsed and verified again in every JVM. Measured on this machine for article-service: about half the CPU seconds
 * to ready (bench/README.md). Spring Boot's documented recipe: extract the executable jar
 * ({@code -Djarmode=tools extract}: an ordinary jar with a {@code lib/} class path, which CDS needs), start it once
 * with {@code -XX:ArchiveClassesAtExit} and {@code -Dspring.context.exit=onRefresh} (the context is built, nothing is
 * served or consumed), then run the extracted jar with {@code -XX:SharedArchiveFile}.
 * <p>
 * Kept in {@code target/cds/} beside the jar, so a build makes it stale and the next start prepares it again (about
 * a service start's worth of CPU each, once per build). The JVM uses an archive only from the class path it was
 * recorded with, path for path, and otherwise starts without it, saying so in one line of the service's log
 * ("Unable to use shared archive") and nowhere else: so the jar is addressed by its real path (bench scripts reach
 * {@code target/} through a symbolic link from a temporary folder that is deleted afterwards), and an archive is
 * current only for the jar path and the JVM it was recorded with ({@code NAME.jsa.source}); a moved checkout or
 * another JDK prepares it again.
 */
final class ClassDataArchive {

    private final String name;
    private final Path executableJar;
    private final Path dir;
    private final Path extractedJar;
    private final Path archive;
    /** What the archive was recorded for: the extracted jar's path and the JVM ({@link #recordedFor()}). */
    private final Path source;

    ClassDataArchive(String name, Path executableJar) {
        this.name = name;
        this.executableJar = realPath(executableJar);
        this.dir = this.executableJar.getParent().resolve("cds");
        this.extractedJar = dir.resolve("app").resolve(this.executableJar.getFileName());
        this.archive = dir.resolve(name + ".jsa");
        this.source = dir.resolve(name + ".jsa.source");
    }

    /** The path with symbolic links resolved, so the archive names files that outlive a linked temporary folder. */
    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException missing) {
            return path.toAbsolutePath().normalize(); // starting it says "build first"
        }
    }

    /** The jar to run: the extracted one, whose classes the archive holds. */
    Path jar() {
        return extractedJar;
    }

    /** The JVM options that use the archive. */
    List<String> options() {
        return List.of("-XX:SharedArchiveFile=" + archive);
    }

    /**
     * True when the archive was made from the jar as it is now, at this path, by this JVM: only then does the JVM use
     * it.
     */
    boolean isCurrent() throws IOException {
        return Files.isRegularFile(archive) && Files.isRegularFile(extractedJar) && Files.isRegularFile(source)
                && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(executableJar)) > 0
                && Files.readString(source).equals(recordedFor());
    }

    /** Notes that the archive in place was recorded from this jar path by this JVM. */
    void markRecorded() throws IOException {
        Files.writeString(source, recordedFor());
    }

    /** The class path's first entry and the JVM, the parts of what the JVM checks that can change under an archive. */
    private String recordedFor() {
        return "jar=" + extractedJar + "\njava.home=" + System.getProperty("java.home") + "\njava.vm.version="
                + System.getProperty("java.vm.version") + "\n";
    }

    /**
     * Extracts the jar and records the classes one start loads. The recording run builds the application context
     * against a scratch database of the run's store ({@code env} with {@code MONGODB_URI} replaced), so whatever it
     * creates while starting (indexes, a seeded account) lands where the service never looks.
     *
     * @return whether the archive is ready; on failure the reason is in {@code logs/NAME-cds.log}
     */
    boolean prepare(String maxHeap, Map<String, String> env, String scratchMongoUri, Path logs, Duration timeout)
            throws IOException, InterruptedException {
        Path log = logs.resolve(name + "-cds.log");
        deleteRecursively(dir);
        Files.createDirectories(dir);
        List<String> extract = List.of(ServiceProcess.javaCommand(name, "128m").get(0), "-Djarmode=tools", "-jar",
                executableJar.toString(), "extract", "--destination", dir.resolve("app").toString());
        if (!run(extract, Map.of(), log, timeout)) {
            return false;
        }
        Path recording = dir.resolve(name + ".jsa.recording");
        List<String> record = ServiceProcess.javaCommand(name, maxHeap);
        record.addAll(List.of("-XX:ArchiveClassesAtExit=" + recording, "-Dspring.context.exit=onRefresh",
                "-jar", extractedJar.toString()));
        Map<String, String> scratch = new HashMap<>(env);
        scratch.put("MONGODB_URI", scratchMongoUri);
        scratch.put("PORT", "0");
        // Files a service creates at start go to the scratch directory too (search index, signing key).
        scratch.replaceAll((key, value) -> key.endsWith("_DIR") || key.endsWith("_FILE")
                ? dir.resolve("scratch").resolve(key.toLowerCase()).toString() : value);
        if (!run(record, scratch, log, timeout) || !Files.isRegularFile(recording)) {
            return false;
        }
        Files.move(recording, archive, StandardCopyOption.REPLACE_EXISTING);
        markRecorded();
        deleteRecursively(dir.resolve("scratch"));
        return true;
    }

    private static boolean run(List<String> command, Map<String, String> env, Path log, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            return false;
        }
        return process.exitValue() == 0;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
