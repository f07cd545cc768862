package newsroom.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick-start archive is used only while it matches the jar, and a failure to make one is not fatal. */
class ClassDataArchiveTests {

    @TempDir
    Path dir;

    @Test
    void anArchiveIsCurrentOnlyUntilTheJarIsBuiltAgain() throws Exception {
        Path jar = Files.writeString(Files.createDirectories(dir.resolve("target")).resolve("x-exec.jar"), "jar");
        ClassDataArchive archive = new ClassDataArchive("x-service", jar);
        assertThat(archive.isCurrent()).as("nothing prepared yet").isFalse();

        Files.createDirectories(archive.jar().getParent());
        Files.writeString(archive.jar(), "extracted");
        Path jsa = Path.of(archive.options().get(0).substring("-XX:SharedArchiveFile=".length()));
        Files.writeString(jsa, "archive");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        assertThat(archive.isCurrent()).as("not noted as recorded from this jar path").isFalse();
        archive.markRecorded();
        assertThat(archive.isCurrent()).isTrue();

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(archive.isCurrent()).as("the jar was rebuilt after the archive").isFalse();
    }

    /**
     * The JVM uses an archive only from the class path it was recorded with: bench scripts reach {@code target/}
     * through a link from a temporary folder deleted after the run, so the archive must name the real path, and one
     * recorded for another path (a moved checkout) must be prepared again rather than silently ignored.
     */
    @Test
    void anArchiveNamesTheJarByItsRealPathAndIsNotCurrentForAnotherPath() throws Exception {
        Path target = Files.createDirectories(dir.resolve("checkout/target"));
        Path jar = Files.writeString(target.resolve("x-exec.jar"), "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        Path linked = Files.createDirectories(dir.resolve("tmp-home/x-service"));
        Files.createSymbolicLink(linked.resolve("target"), target);

        ClassDataArchive throughTheLink = new ClassDataArchive("x-service", linked.resolve("target/x-exec.jar"));
        assertThat(throughTheLink.jar()).isEqualTo(target.toRealPath().resolve("cds/app/x-exec.jar"));
        assertThat(throughTheLink.options()).containsExactly(
                "-XX:SharedArchiveFile=" + target.toRealPath().resolve("cds/x-service.jsa"));

        Files.createDirectories(throughTheLink.jar().getParent());
        Files.writeString(throughTheLink.jar(), "extracted");
        Files.writeString(target.resolve("cds/x-service.jsa"), "archive");
        Files.writeString(target.resolve("cds/x-service.jsa.source"), "jar=/elsewhere/target/cds/app/x-exec.jar\n");
        assertThat(throughTheLink.isCurrent()).as("recorded for another path").isFalse();
        throughTheLink.markRecorded();
        assertThat(new ClassDataArchive("x-service", jar).isCurrent()).as("the same jar, not through the link").isTrue();
    }

    @Test
    void aJarThatCannotBeExtractedLeavesNoArchiveAndSaysWhyInTheLog() throws Exception {
        Path jar = Files.writeString(Files.createDirectories(dir.resolve("target")).resolve("x-exec.jar"), "no jar");
        Path logs = Files.createDirectories(dir.resolve("logs"));
        ClassDataArchive archive = new ClassDataArchive("x-service", jar);

        boolean extracted = archive.extract(logs, Duration.ofSeconds(60));

        assertThat(extracted).isFalse();
        assertThat(archive.isCurrent()).isFalse();
        assertThat(Files.readString(logs.resolve("x-service-cds.log"))).isNotBlank();
    }

    /**
     * The run that records writes the archive when its JVM stops; the launcher puts it in place afterwards, and a
     * JVM killed before it could write one leaves the archive to be recorded by the next run.
     */
    @Test
    void theArchiveARecordingRunWroteIsCurrentOnceFinishedAndAMissingOneIsRecordedAgain() throws Exception {
        Path jar = Files.writeString(Files.createDirectories(dir.resolve("target")).resolve("x-exec.jar"), "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        ClassDataArchive archive = new ClassDataArchive("x-service", jar);
        Files.createDirectories(archive.jar().getParent());
        Files.writeString(archive.jar(), "extracted");

        assertThat(archive.finishRecording()).as("the JVM wrote nothing").isFalse();
        assertThat(archive.isCurrent()).isFalse();

        Path written = Path.of(archive.recordingOptions().get(0).substring("-XX:ArchiveClassesAtExit=".length()));
        assertThat(written.getFileName().toString()).as("one file per launcher")
                .endsWith("-" + ProcessHandle.current().pid());
        Files.writeString(written, "archive");
        assertThat(archive.finishRecording()).isTrue();
        assertThat(archive.isCurrent()).isTrue();
        assertThat(written).doesNotExist();
    }
}
