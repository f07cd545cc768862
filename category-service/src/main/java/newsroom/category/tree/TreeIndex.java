package newsroom.category.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tree as its {@code parentId} links describe it, built from one read of the (small) categories collection.
 * Everything that must be right while a move is still rewriting stored paths is derived here: canonical paths,
 * ancestors, descendants. A broken link (a parent that does not exist) ends the walk; a cycle (which the write rules
 * forbid) cannot make it loop.
 */
public final class TreeIndex {

    private final Map<String, Category> byId = new HashMap<>();
    private final Map<String, List<Category>> children = new HashMap<>();

    private TreeIndex(List<Category> all) {
        for (Category c : all) {
            byId.put(c.id(), c);
        }
        for (Category c : all) {
            children.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c);
        }
        children.values().forEach(list -> list.sort(CategoryOrder.SIBLINGS));
    }

    public static TreeIndex of(List<Category> all) {
        return new TreeIndex(all);
    }

    public Category get(String id) {
        return byId.get(id);
    }

    public List<Category> all() {
        return List.copyOf(byId.values());
    }

    /** Children in sibling order; {@code null} gives the roots. */
    public List<Category> childrenOf(String id) {
        return Collections.unmodifiableList(children.getOrDefault(id, List.of()));
    }

    /** Ids from the root down to {@code id} (inclusive), following parent links. */
    public List<String> pathOf(String id) {
        Deque<String> path = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (String current = id; current != null && seen.add(current); ) {
            path.addFirst(current);
            Category c = byId.get(current);
            current = c == null ? null : c.parentId();
        }
        return List.copyOf(path);
    }

    /** Whether {@code ancestorId} is {@code id} itself or above it. */
    public boolean isSelfOrAncestor(String ancestorId, String id) {
        return pathOf(id).contains(ancestorId);
    }

    /**
     * The category and everything below it, parents before children.
     *
     * @param includeHidden whether hidden descendants (and whatever is below them) count; the start category is
     *                      always included
     */
    public List<Category> subtree(String id, boolean includeHidden) {
        Category start = byId.get(id);
        if (start == null) {
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Category> out = new ArrayList<>();
        Deque<Category> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            Category c = queue.poll();
            if (!seen.add(c.id())) {
                continue;
            }
            out.add(c);
            for (Category child : childrenOf(c.id())) {
                if (includeHidden || !child.hidden()) {
                    queue.add(child);
                }
            }
        }
        return out;
    }
}
