package newsroom.contracts;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository outside this module (the docs), found from the module directory the tests run in. */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.isDirectory(dir.resolve("contracts"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Not inside the repository: " + Path.of("").toAbsolutePath());
    }

    static Path docs() {
        return root().resolve("docs");
    }

    /** The topics of {@link Topics}, read from its constants so that a new topic cannot be left undocumented. */
    static java.util.List<String> topics() {
        return java.util.Arrays.stream(Topics.class.getFields())
                .filter(f -> java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** The dead-letter topics of the consuming services: {@code <topic>.<consumer group>.dlq}. */
    static final java.util.List<String> DEAD_LETTER_TOPICS = java.util.List.of(
            "article-lifecycle.category-service.dlq",
            "article-lifecycle.stats-service.dlq",
            "article-viewed.stats-service.dlq",
            "category-changed.article-service.dlq");

    /** Headers the Spring Cloud Stream Kafka binder adds to a dead-lettered record. */
    static final java.util.List<String> DEAD_LETTER_HEADERS = java.util.List.of(
            "x-original-topic", "x-exception-fqcn", "x-exception-message");
}
