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
 * @param hllLgK             log2 of the HyperLogLog sketch size (11: about 2.3 % standard error, ~1.1 KB per sketch)
 * @param docCacheSize       counter documents kept in memory per partition (their last applied offsets)
 * @param flushInterval      while a backlog is worked off, counted views are written this often (when the consumer
 *                           has caught up, they are written at once); a document that many views touch is written once
 *                           per flush, so a longer interval means fewer writes per view; offsets are committed only
 *                           after the flush, so it also bounds how much a crash makes Kafka redeliver
 * @param maxUnwrittenViews  a flush starts early when this many views are counted and not written (bounds memory)
 * @param handOffBatches     polled batches that may wait for the counting thread before the consumer waits too
 * @param drainTimeout       how long a rebalance or shutdown waits for counted views to be written and committed;
 *                           after that they are given up, and Kafka redelivers them to the partition's next owner
 */
@ConfigurationProperties("newsroom.stats")
public record StatsProperties(
        Duration refreshWindow,
        Duration refreshStateGrace,
        Duration maxFutureSkew,
        Duration unknownArticleGrace,
        Duration parkingSweepInterval,
        int hllLgK,
        int docCacheSize,
        Duration flushInterval,
        long maxUnwrittenViews,
        int handOffBatches,
        Duration drainTimeout) {

    public StatsProperties {
        refreshWindow = refreshWindow == null ? Duration.ofMinutes(30) : refreshWindow;
        refreshStateGrace = refreshStateGrace == null ? Duration.ofHours(2) : refreshStateGrace;
        maxFutureSkew = maxFutureSkew == null ? Duration.ofMinutes(5) : maxFutureSkew;
        unknownArticleGrace = unknownArticleGrace == null ? Duration.ofMinutes(10) : unknownArticleGrace;
        parkingSweepInterval = parkingSweepInterval == null ? Duration.ofSeconds(5) : parkingSweepInterval;
        hllLgK = hllLgK <= 0 ? 11 : hllLgK;
        docCacheSize = docCacheSize <= 0 ? 200_000 : docCacheSize;
        flushInterval = flushInterval == null ? Duration.ofSeconds(5) : flushInterval;
        maxUnwrittenViews = maxUnwrittenViews <= 0 ? 1_000_000 : maxUnwrittenViews;
        handOffBatches = handOffBatches <= 0 ? 4 : handOffBatches;
        drainTimeout = drainTimeout == null ? Duration.ofSeconds(30) : drainTimeout;
    }
}
