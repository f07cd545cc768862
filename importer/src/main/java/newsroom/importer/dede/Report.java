package newsroom.importer.dede;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import skipped and why: per reason a count and the first examples, each naming the source id (a DedeCMS
 * {@code aid} or {@code typeid}), so a site's editor can find them. Thread-safe: batches are sent side by side.
 */
public final class Report {

    static final int EXAMPLES = 5;

    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, List<String>> examples = new LinkedHashMap<>();

    public synchronized void skip(String reason, String example) {
        counts.merge(reason, 1, Integer::sum);
        List<String> list = examples.computeIfAbsent(reason, r -> new ArrayList<>());
        if (list.size() < EXAMPLES) {
            list.add(example);
        }
    }

    public synchronized int count(String reason) {
        return counts.getOrDefault(reason, 0);
    }

    public synchronized int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized Map<String, Integer> counts() {
        return new LinkedHashMap<>(counts);
    }

    public synchronized List<String> examples(String reason) {
        return List.copyOf(examples.getOrDefault(reason, List.of()));
    }

    public synchronized String describe() {
        StringBuilder s = new StringBuilder();
        counts.forEach((reason, count) -> {
            s.append(String.format("  %6d  %s%n", count, reason));
            for (String example : examples.get(reason)) {
                s.append("            e.g. ").append(example).append('\n');
            }
        });
        return s.toString();
    }
}
