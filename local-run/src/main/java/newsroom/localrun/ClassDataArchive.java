package newsroom.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive (AppCDS) for one service jar, so the local run's JVMs start on less CPU: the classes a
 * run loads are read from the archive already parsed and verified instead of being unpacked from nested jars, parsed
 * and verified again in every JVM. Measured on this machine for article-service: about half the CPU seconds to ready
 * (bench/README.md). CDS needs an ordinary class path, so the executable jar is extracted first
 * ({@code -Djarmode=tools extract}: a jar with a {@code lib/} class path, Spring Boot's documented recipe).
 * <p>
 * The archive is recorded by the first run after a build itself: each service runs from its extracted jar with
 * {@code -XX:ArchiveClassesAtExit}, and the JVM writes the archive when it stops (SIGTERM included), holding every
 * class that run loaded — its start, its Kafka clients, the demo's first requests, pages served — not only those of
 * a context refresh: an archive recorded up to the refresh ({@code -Dspring.context.exit=onRefresh}, before) left
 * about 5,000 classes per service to be loaded from the jars, 3,000 of them before ready, and recording took four
 * extra service starts before the first one. From the next start on, the service runs with
 * {@code -XX:SharedArchiveFile}.
 * <p>
 * Kept in {@code target/cds/} beside the jar, so a build makes it stale and the next run records it again. The JVM
 * uses an archive only from the class path it was recorded with, path for path, and otherwise starts without it,
 * saying so in one line of the service's log ("Unable to use shared archive") and nowhere else: so the jar is
 * addressed by its real path (bench scripts reach {@code target/} through a symbolic link from a temporary folder
 * that is deleted afterwards), and an archive is current only for the jar path and the JVM it was recorded with
 * ({@code NAME.jsa.source}); a moved checkout or another JDK records it again.
 */
final class ClassDataArchive {

    private final String name;
    private final Path executableJar;
    private final Path dir;
    private final Path extractedJar;
    private final Path archive;
    /** What the archive was recorded for: the extracted jar's path and the JVM ({@link #recordedFor()}). */
    private final Path source;
    /** Where a recording run writes the archive when it stops ({@link #recordingOptions()}). */
    private final Path recording;

    ClassDataArchive(String name, Path executableJar) {
        this.name = name;
        this.executableJar = realPath(executableJar);
        this.dir = this.executableJar.getParent().resolve("cds");
        this.extractedJar = dir.resolve("app").resolve(this.executableJar.getFileName());
        this.archive = dir.resolve(name + ".jsa");
        this.source = dir.resolve(name + ".jsa.source");
        this.recording = dir.resolve(name + ".jsa.recording-" + ProcessHandle.current().pid());
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
     * Extracts the jar afresh (any archive of the previous build is deleted) so that a run can record the archive.
     *
     * @return whether the extracted jar is there; on failure the reason is in {@code logs/NAME-cds.log}
     */
    boolean extract(Path logs, Duration timeout) throws IOException, InterruptedException {
        Path log = logs.resolve(name + "-cds.log");
        deleteRecursively(dir);
        Files.createDirectories(dir);
        List<String> extract = List.of(ServiceProcess.javaCommand(name, "128m").get(0), "-Djarmode=tools", "-jar",
                executableJar.toString(), "extract", "--destination", dir.resolve("app").toString());
        ProcessBuilder builder = new ProcessBuilder(extract).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            return false;
        }
        return process.exitValue() == 0 && Files.isRegularFile(extractedJar);
    }

    /**
     * The JVM options of a run that records the archive when it stops. The file carries this launcher's pid, so two
     * local runs of one checkout (a bench beside a developer's run) never write into the same file.
     */
    List<String> recordingOptions() {
        return List.of("-XX:ArchiveClassesAtExit=" + recording);
    }

    /**
     * After the recording run stopped: puts the archive it wrote in place.
     *
     * @return whether there is now a current archive (false if the JVM was killed before it could write one)
     */
    boolean finishRecording() throws IOException {
        if (!Files.isRegularFile(recording) || Files.size(recording) == 0) {
            Files.deleteIfExists(recording);
            return false;
        }
        Files.move(recording, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        markRecorded();
        return true;
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
