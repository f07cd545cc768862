package newsroom.stats;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code newsroom.stats.*}: the counting policy and its safety margins.
 *
 * @param refreshWindow      a view by the same visitor of the same article within this time after their last counted
 *                           view is a refresh, not a new view
 * @param refreshStateGrace  how long past the refresh window a visitor's state is kept, for views that arrive late
 * @param maxFutureSkew      a view stamped further ahead of the service's clock than this is dead-lettered
 * @param unknownArticleGrace how long a view of an article not (yet) seen on article-lifecycle is parked before it is
 *                           dead-lettered; it is counted as soon as the article becomes known within that time
 * @param parkingSweepInterval how often parked views are checked
 * @param refreshStateBuckets chunks per partition and 5-minute slot that hold the refresh state (smaller documents)
 * @param hllLgK             log2 of the HyperLogLog sketch size (11: about 2.3 % standard error, ~1.1 KB per sketch)
 * @param docCacheSize       counter documents kept in memory per partition (their last applied offsets)
 */
@ConfigurationProperties("newsroom.stats")
public record StatsProperties(
        Duration refreshWindow,
        Duration refreshStateGrace,
        Duration maxFutureSkew,
        Duration unknownArticleGrace,
        Duration parkingSweepInterval,
        int refreshStateBuckets,
        int hllLgK,
        int docCacheSize) {

    public StatsProperties {
        refreshWindow = refreshWindow == null ? Duration.ofMinutes(30) : refreshWindow;
        refreshStateGrace = refreshStateGrace == null ? Duration.ofHours(2) : refreshStateGrace;
        maxFutureSkew = maxFutureSkew == null ? Duration.ofMinutes(5) : maxFutureSkew;
        unknownArticleGrace = unknownArticleGrace == null ? Duration.ofMinutes(10) : unknownArticleGrace;
        parkingSweepInterval = parkingSweepInterval == null ? Duration.ofSeconds(5) : parkingSweepInterval;
        refreshStateBuckets = refreshStateBuckets <= 0 ? 16 : refreshStateBuckets;
        hllLgK = hllLgK <= 0 ? 11 : hllLgK;
        docCacheSize = docCacheSize <= 0 ? 200_000 : docCacheSize;
    }

    public static StatsProperties defaults() {
        return new StatsProperties(null, null, null, null, null, 0, 0, 0);
    }
}
