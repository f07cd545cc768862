package newsroom.stats.tally;

import com.carrotsearch.hppc.LongArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The rule a reader cares about, for one partition's views of one batch: a view its producer marked as rate-limited
 * is that; else a robot's is a bot hit; else the refresh rule decides between a refresh and a counted view.
 */
public final class ViewClassifier {

    private final BotDetector bots;
    private final RefreshState refresh;
    private final LongArrayList changedRefreshes;
    /** Few distinct User-Agents per batch: verdicts kept here skip the detector's shared cache. */
    private final Map<String, Boolean> verdicts = new HashMap<>();
    private boolean analyzerReady;

    /**
     * @param changedRefreshes where the refresh keys of counted views go, for the next flush to write
     */
    ViewClassifier(BotDetector bots, RefreshState refresh, LongArrayList changedRefreshes) {
        this.bots = bots;
        this.refresh = refresh;
        this.changedRefreshes = changedRefreshes;
    }

    Outcome classify(CountableView countable, long time) {
        if (countable.rateLimited()) {
            return Outcome.RATE_LIMITED;
        }
        DecodedView view = countable.view();
        if (isBot(view.userAgent())) {
            return Outcome.BOT;
        }
        return refresh.outcome(view, time, changedRefreshes);
    }

    private boolean isBot(String userAgent) {
        if (!analyzerReady) {
            bots.awaitReady();
            analyzerReady = true;
        }
        if (userAgent == null) {
            return bots.isBot(null);
        }
        Boolean verdict = verdicts.get(userAgent);
        if (verdict == null) {
            verdict = bots.isBot(userAgent);
            verdicts.put(userAgent, verdict);
        }
        return verdict;
    }
}
