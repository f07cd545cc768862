package newsroom.article.desk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.springframework.stereotype.Component;

/**
 * The editors' desk in memory: every article of every state, in two orders (last change, views), so the console's
 * list at 100,000 articles is a walk of a sorted set from the cursor, never a store query — the local run's store
 * has no secondary indexes, and on MongoDB a filtered, sorted, counted query per page would still cost a round trip
 * per list. Reads take no lock (concurrent skip lists); writes are serialised, each replacing one entry in both
 * orders, so a reader may for an instant see an entry in one order and not yet in the other.
 */
@Component
class DeskIndex {

    private final Map<String, DeskEntry> byId = new ConcurrentHashMap<>();
    /** Views stats-service reported, also for articles this index does not hold yet (views can arrive first). */
    private final Map<String, Long> views = new ConcurrentHashMap<>();
    private final NavigableSet<DeskEntry> byUpdated = new ConcurrentSkipListSet<>(DeskEntry.BY_UPDATED);
    private final NavigableSet<DeskEntry> byViews = new ConcurrentSkipListSet<>(DeskEntry.BY_VIEWS);

    /** Stores {@code entry} unless the index holds a later version of the article (an older save arriving late). */
    synchronized void put(DeskEntry entry) {
        DeskEntry current = byId.get(entry.id());
        if (current != null && current.version() > entry.version()) {
            return;
        }
        replace(current, entry.withViews(views.getOrDefault(entry.id(), 0L)));
    }

    /** The article's all-time counted views, as stats-service counts them. */
    synchronized void views(String id, long count) {
        views.put(id, count);
        DeskEntry current = byId.get(id);
        if (current != null && current.views() != count) {
            replace(current, current.withViews(count));
        }
    }

    private void replace(DeskEntry current, DeskEntry next) {
        if (current != null) {
            byUpdated.remove(current);
            byViews.remove(current);
        }
        byId.put(next.id(), next);
        byUpdated.add(next);
        byViews.add(next);
    }

    int size() {
        return byId.size();
    }

    record Page(List<DeskEntry> items, String nextCursor, long total) {
    }

    /** The rows after the query's cursor that match it, in its order, and how many match in all. */
    Page page(DeskQuery query) {
        NavigableSet<DeskEntry> order = query.sort() == DeskQuery.Sort.VIEWS ? byViews : byUpdated;
        Iterable<DeskEntry> from = query.after() == null ? order : order.tailSet(query.after(), false);
        List<DeskEntry> rows = new ArrayList<>(query.size());
        boolean more = false;
        for (DeskEntry e : from) {
            if (query.matches(e)) {
                if (rows.size() == query.size()) {
                    more = true;
                    break;
                }
                rows.add(e);
            }
        }
        long total = 0;
        for (DeskEntry e : byId.values()) { // a hash map walks faster than a skip list
            if (query.matches(e)) {
                total++;
            }
        }
        String next = more ? DeskQuery.cursorAfter(rows.get(rows.size() - 1), query.sort()) : null;
        return new Page(rows, next, total);
    }
}
