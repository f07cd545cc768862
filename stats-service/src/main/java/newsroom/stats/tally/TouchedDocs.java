package newsroom.stats.tally;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counter documents one partition's views of a batch touch, each once, in a slot: a view refers to its
 * article-day document and its category-day documents by slot. The store fills in what each already holds
 * ({@link #base}) before the views are added up.
 */
public final class TouchedDocs {

    private final List<CounterKey> keys = new ArrayList<>();
    private final int[] articleSlot;
    private final int[] categoryStart;
    private int[] categorySlots;
    private StoredPart[] bases;

    private TouchedDocs(int views) {
        articleSlot = new int[views];
        categoryStart = new int[views + 1];
        categorySlots = new int[views * 3];
    }

    public static TouchedDocs of(List<? extends CountableView> views) {
        TouchedDocs touched = new TouchedDocs(views.size());
        Slots articleDays = new Slots(CounterKey.Kind.ARTICLE_DAY, touched.keys);
        Slots categoryDays = new Slots(CounterKey.Kind.CATEGORY_DAY, touched.keys);
        int used = 0;
        for (int i = 0; i < views.size(); i++) {
            DecodedView view = views.get(i).view();
            long day = view.epochDay();
            touched.articleSlot[i] = articleDays.slot(view.articleId(), day);
            touched.categoryStart[i] = used;
            List<String> credited = view.creditedCategories();
            for (int c = 0; c < credited.size(); c++) {
                if (used == touched.categorySlots.length) {
                    touched.categorySlots = Arrays.copyOf(touched.categorySlots, used * 2);
                }
                touched.categorySlots[used++] = categoryDays.slot(credited.get(c), day);
            }
        }
        touched.categoryStart[views.size()] = used;
        touched.bases = new StoredPart[touched.keys.size()];
        return touched;
    }

    /** The documents, by slot. */
    public List<CounterKey> keys() {
        return keys;
    }

    /** Sets what the document in this slot holds already (what this partition has put into it). */
    public void base(int slot, StoredPart stored) {
        bases[slot] = stored;
    }

    StoredPart base(int slot) {
        return bases[slot];
    }

    int articleSlot(int view) {
        return articleSlot[view];
    }

    int categoryStart(int view) {
        return categoryStart[view];
    }

    int categorySlot(int index) {
        return categorySlots[index];
    }

    /** Slots of one owner's day documents (usually one day per batch; the chain holds the others). */
    private static final class DaySlot {
        final long day;
        final int slot;
        DaySlot next;

        DaySlot(long day, int slot) {
            this.day = day;
            this.slot = slot;
        }
    }

    /** Assigns a slot to each distinct (owner, day) document of one kind. */
    private static final class Slots {
        final CounterKey.Kind kind;
        final Map<String, DaySlot> byOwner = new HashMap<>();
        final List<CounterKey> keys;

        Slots(CounterKey.Kind kind, List<CounterKey> keys) {
            this.kind = kind;
            this.keys = keys;
        }

        int slot(String owner, long day) {
            DaySlot first = byOwner.get(owner);
            for (DaySlot d = first; d != null; d = d.next) {
                if (d.day == day) {
                    return d.slot;
                }
            }
            DaySlot added = new DaySlot(day, keys.size());
            added.next = first;
            byOwner.put(owner, added);
            keys.add(new CounterKey(kind, owner, day));
            return added.slot;
        }
    }
}
