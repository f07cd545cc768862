package newsroom.article.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded Lucene index as the service's {@link newsroom.article.search.SearchIndex}. Its directory is
 * {@code newsroom.search.dir} ({@code NEWSROOM_SEARCH_DIR}): a local disk of this replica (the local run's
 * {@code data/}, an {@code emptyDir} in Kubernetes). Left blank, a fresh temporary directory is used and deleted at
 * shutdown, so the index is rebuilt from the store at every start (tests, throw-away runs).
 */
@Configuration(proxyBeanMethods = false)
class LuceneSearchConfiguration {

    @Bean(destroyMethod = "close")
    LuceneSearchIndex luceneSearchIndex(@Value("${newsroom.search.dir:}") String dir,
            @Value("${newsroom.search.max-staleness:PT0.1S}") Duration maxStaleness,
            @Value("${newsroom.search.commit-interval:PT5S}") Duration commitInterval) {
        if (!dir.isBlank()) {
            return new LuceneSearchIndex(Path.of(dir), maxStaleness, commitInterval);
        }
        Path temporary = temporaryDirectory();
        return new LuceneSearchIndex(temporary, maxStaleness, commitInterval) {
            @Override
            public void close() throws IOException {
                super.close();
                FileSystemUtils.deleteRecursively(temporary);
            }
        };
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("newsroom-search-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
