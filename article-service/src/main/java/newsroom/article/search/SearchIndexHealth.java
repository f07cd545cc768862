package newsroom.article.search;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code search} in {@code /actuator/health}: how many articles can be found, and the last catch-up with the store.
 * UNKNOWN (which does not turn the service's health down) until the first catch-up finished.
 */
@Component("search")
class SearchIndexHealth extends AbstractHealthIndicator {

    private final SearchIndex index;
    private final SearchIndexSync sync;

    SearchIndexHealth(SearchIndex index, SearchIndexSync sync) {
        this.index = index;
        this.sync = sync;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SearchIndexSync.CatchUp last = sync.lastCatchUp();
        builder.withDetail("articles", index.size());
        if (last == null) {
            builder.unknown().withDetail("catchUp", "in progress");
        } else {
            builder.up().withDetail("lastCatchUp", last);
        }
    }
}
