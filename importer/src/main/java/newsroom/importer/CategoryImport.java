package newsroom.importer;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.importer.dede.CategorySpec;
import newsroom.importer.dede.DedeCategory;
import newsroom.importer.dede.DedeMapping;
import newsroom.importer.dede.Report;
import tools.jackson.databind.JsonNode;

/**
 * Creates the DedeCMS category tree through category-service, parents first, reusing a category that exists
 * already under the same parent with the same slug (so a re-import creates none), then stores the old list
 * addresses in article-service.
 */
final class CategoryImport {

    private final NewsroomApi api;
    private final DedeMapping mapping;
    private final Report report;

    CategoryImport(NewsroomApi api, DedeMapping mapping, Report report) {
        this.api = api;
        this.mapping = mapping;
        this.report = report;
    }

    /** What became of the categories: DedeCMS typeid → category id here, and how many were created. */
    record Result(Map<Long, String> ids, int created) {
    }

    Result run(Map<Long, DedeCategory> categories, String site) throws IOException, InterruptedException {
        Map<String, String> existing = new HashMap<>();
        for (JsonNode c : api.categories()) {
            existing.put(key(c.path("parentId").asString(null), c.get("slug").asString()), c.get("id").asString());
        }
        Map<Long, String> ids = new LinkedHashMap<>();
        int created = 0;
        List<Map<String, Object>> addresses = new ArrayList<>();
        List<DedeCategory> ordered = parentsFirst(categories);
        categories.values().stream().filter(c -> !ordered.contains(c)).forEach(c -> report.skip(
                "categories whose parent is missing", "typeid " + c.id() + " " + c.name() + " (a parent cycle)"));
        for (DedeCategory category : ordered) {
            CategorySpec spec = mapping.category(category);
            String parentId = spec.parentSourceId() == 0 ? null : ids.get(spec.parentSourceId());
            if (spec.parentSourceId() != 0 && parentId == null) {
                report.skip("categories whose parent is missing", "typeid " + category.id() + " " + category.name()
                        + " (reid " + category.parentId() + ")");
                continue;
            }
            String id = existing.get(key(parentId, spec.slug()));
            if (id == null) {
                id = create(spec, parentId, existing);
                created++;
            }
            ids.put(category.id(), id);
            for (String path : spec.listPaths()) {
                addresses.add(Map.of("path", path, "categoryId", id));
            }
        }
        if (!addresses.isEmpty()) {
            registerAddresses(addresses, site);
        }
        return new Result(ids, created);
    }

    private String create(CategorySpec spec, String parentId, Map<String, String> existing)
            throws IOException, InterruptedException {
        String slug = spec.slug();
        try {
            return api.createCategory(spec.name(), slug, parentId, spec.sortOrder(), spec.hidden());
        } catch (NewsroomApi.Refused e) {
            if (e.status != 409) {
                throw e;
            }
            // Another category under this parent has the slug (two DedeCMS folders named alike): keep both.
            slug = slug + "-" + spec.sourceId();
            String id = existing.get(key(parentId, slug));
            return id != null ? id : api.createCategory(spec.name(), slug, parentId, spec.sortOrder(), spec.hidden());
        }
    }

    /** article-service learns new categories from category-changed: until it has, it answers 422; wait for it. */
    private void registerAddresses(List<Map<String, Object>> addresses, String site)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        for (int from = 0; from < addresses.size(); from += 5000) {
            Map<String, Object> body = Map.of("system", "DedeCMS", "site", site,
                    "addresses", addresses.subList(from, Math.min(addresses.size(), from + 5000)));
            while (true) {
                try {
                    api.categoryAddresses(body);
                    break;
                } catch (NewsroomApi.Refused e) {
                    if (e.status != 422 || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(250);
                }
            }
        }
    }

    static List<DedeCategory> parentsFirst(Map<Long, DedeCategory> categories) {
        Map<Long, List<DedeCategory>> children = new HashMap<>();
        List<DedeCategory> roots = new ArrayList<>();
        for (DedeCategory c : categories.values()) {
            if (c.parentId() == 0 || !categories.containsKey(c.parentId())) {
                roots.add(c);
            } else {
                children.computeIfAbsent(c.parentId(), p -> new ArrayList<>()).add(c);
            }
        }
        List<DedeCategory> ordered = new ArrayList<>();
        Deque<DedeCategory> queue = new ArrayDeque<>(roots);
        while (!queue.isEmpty()) {
            DedeCategory c = queue.poll();
            ordered.add(c);
            queue.addAll(children.getOrDefault(c.id(), List.of()));
        }
        return ordered;
    }

    private static String key(String parentId, String slug) {
        return (parentId == null ? "" : parentId) + "/" + slug;
    }
}
