package newsroom.portal.backend;

import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/** stats-service: the click count of the article page. Never fails a page: without an answer there is no count. */
@Component
public class StatsReader {

    private static final Logger log = LoggerFactory.getLogger(StatsReader.class);

    private final Backend backend;

    StatsReader(@Qualifier("statsBackend") Backend backend) {
        this.backend = backend;
    }

    public OptionalLong views(String articleId) {
        try {
            return backend.get(ArticleViews.class, "/api/stats/articles/{id}", articleId)
                    .filter(v -> v.views() != null)
                    .map(v -> OptionalLong.of(v.views())).orElse(OptionalLong.empty());
        } catch (ServiceUnavailableException | HttpClientErrorException e) {
            log.debug("No view count for {}: {}", articleId, e.getMessage());
            return OptionalLong.empty();
        }
    }
}
