package newsroom.portal.backend;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import newsroom.portal.PortalProperties;
import newsroom.portal.changes.Change;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * category-service as the pages use it. The tree, single categories, breadcrumbs, siblings and children change
 * rarely and are on every page, so they are cached (Caffeine, {@code portal.caching.navigation-*}): refreshed in the
 * background once older than {@code navigation-refresh}, and kept when a refresh fails, until
 * {@code navigation-expiry} — a short category-service outage does not take the sidebars off the pages. A lookup that
 * finds nothing (404) is cached too. A {@code category-changed} event drops all of it (the next page reads the new
 * tree); an {@code article-lifecycle} event drops the tree, whose article counts it changes. Listings are not cached
 * here: the pages that show them are (see {@code RenderedPages}).
 */
@Component
public class CategoryDirectory {

    private static final Logger log = LoggerFactory.getLogger(CategoryDirectory.class);
    private static final String TREE = "tree";

    private final Backend backend;
    private final LoadingCache<String, Optional<List<Category>>> tree;
    private final LoadingCache<String, Optional<Category>> categories;
    private final LoadingCache<String, Optional<List<Category>>> breadcrumbs;
    private final LoadingCache<String, Optional<List<Category>>> siblings;
    private final LoadingCache<String, Optional<List<Category>>> children;

    CategoryDirectory(@Qualifier("categoryBackend") Backend backend, PortalProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        this.backend = backend;
        PortalProperties.Caching caching = properties.getCaching();
        this.tree = cache("tree", caching, meters, key -> list("/api/categories"));
        this.categories = cache("category", caching, meters,
                id -> backend.get(Category.class, "/api/categories/{id}", id));
        this.breadcrumbs = cache("breadcrumb", caching, meters, id -> list("/api/categories/{id}/breadcrumb", id));
        this.siblings = cache("siblings", caching, meters, id -> list("/api/categories/{id}/siblings", id));
        this.children = cache("children", caching, meters, id -> list("/api/categories/{id}/children", id));
    }

    /** The visible tree, roots first; empty when category-service cannot answer and nothing is cached. */
    public Optional<List<Category>> tree() {
        return quietly(tree, TREE);
    }

    /**
     * The category; empty when it does not exist.
     *
     * @throws ServiceUnavailableException when category-service cannot answer and nothing is cached
     */
    public Optional<Category> category(String id) {
        return categories.get(id);
    }

    /** Root first, the category last; empty when unknown or unavailable. */
    public Optional<List<Category>> breadcrumb(String id) {
        return quietly(breadcrumbs, id);
    }

    /** The category and its visible siblings, in the editors' order; empty when unknown or unavailable. */
    public Optional<List<Category>> siblings(String id) {
        return quietly(siblings, id);
    }

    public Optional<List<Category>> children(String id) {
        return quietly(children, id);
    }

    /**
     * A page of the category's listing (pinned first), never cached.
     *
     * @param scope  "category" or "subtree"
     * @param cursor the previous page's {@code nextCursor}, or null for the first page
     * @return empty when the category does not exist
     * @throws ServiceUnavailableException when category-service cannot answer
     */
    public Optional<Listing> listing(String id, String scope, String cursor, int size) {
        if (cursor == null || cursor.isBlank()) {
            return backend.get(Listing.class, "/api/categories/{id}/articles?scope={scope}&size={size}", id, scope,
                    size);
        }
        return backend.get(Listing.class, "/api/categories/{id}/articles?scope={scope}&size={size}&cursor={cursor}",
                id, scope, size, cursor);
    }

    /** A change of the tree (or one the portal could not read) drops all navigation; an article's, the tree's counts. */
    @EventListener
    void on(Change change) {
        if (change instanceof Change.ArticleChange) {
            tree.invalidateAll();
        } else {
            evictAll();
        }
    }

    /** After the console changed the tree: the next page shows the change. */
    public void evictAll() {
        tree.invalidateAll();
        categories.invalidateAll();
        breadcrumbs.invalidateAll();
        siblings.invalidateAll();
        children.invalidateAll();
    }

    private Optional<List<Category>> list(String uri, Object... variables) {
        return backend.get(Category[].class, uri, variables).map(Arrays::asList);
    }

    private static <V> Optional<V> quietly(LoadingCache<String, Optional<V>> cache, String key) {
        try {
            return cache.get(key);
        } catch (ServiceUnavailableException e) {
            log.debug("Navigation {} unavailable: {}", key, e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            log.warn("Navigation {} failed: {}", key, e.toString());
            return Optional.empty();
        }
    }

    private static <V> LoadingCache<String, V> cache(String name, PortalProperties.Caching caching,
            ObjectProvider<MeterRegistry> meters, Function<String, V> loader) {
        LoadingCache<String, V> cache = Caffeine.newBuilder()
                .maximumSize(caching.getNavigationMaxEntries())
                .refreshAfterWrite(caching.getNavigationRefresh())
                .expireAfterWrite(caching.getNavigationExpiry())
                .recordStats()
                .build(loader::apply);
        meters.ifAvailable(registry -> CaffeineCacheMetrics.monitor(registry, cache, "portal.navigation." + name));
        return cache;
    }
}
