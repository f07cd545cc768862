package newsroom.portal.site;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import newsroom.portal.PortalProperties;
import newsroom.portal.changes.Change;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reader pages as they were last rendered (status 200 only: bytes, headers, ETag), so that a page is rendered once per
 * change rather than once per request ({@link RenderedPageFilter} serves and fills it). What a page shows is declared
 * by its controller ({@link #dependOn}); events drop exactly the pages they make stale:
 * <ul>
 *   <li>an article event drops that article's page, every page listing it among related articles, and every listing
 *   page (home, categories) — and for {@code portal.caching.listing-settle} after it, listing pages are rendered on
 *   every request and not kept, because category-service applies the same event on its own and the portal cannot tell
 *   when it has;</li>
 *   <li>a category event (names, order, visibility, moves show in every breadcrumb and sidebar) drops every page.</li>
 * </ul>
 * A page rendered while an event arrived is served but not kept. Pages live at most
 * {@code portal.caching.rendered-page-ttl} (what no event announces, such as another article's related list
 * growing), degraded ones (a service was down) {@code degraded-page-max-age}; together they take at most
 * {@code rendered-page-max-bytes}.
 */
@Component
class RenderedPages {

    private static final String DEPENDENCIES = RenderedPages.class.getName() + ".dependencies";

    /**
     * What a page shows.
     *
     * @param articleIds the articles whose text it shows (its own, related ones)
     * @param listings   whether it shows category listings (which any article event may change)
     * @param degraded   whether a service was down while it was rendered
     * @param keep       false when the page was built from data that may be out of date
     */
    record Dependencies(Set<String> articleIds, boolean listings, boolean degraded, boolean keep) {
    }

    /**
     * A rendered page. {@code headers} are name/value pairs in the order they were set; {@code locale} is kept apart
     * because the servlet container writes Content-Language from it.
     */
    record Page(List<Map.Entry<String, String>> headers, Locale locale, byte[] body, String etag,
            Dependencies dependencies) {
    }

    private final Cache<String, Page> pages;
    private final AtomicLong changes = new AtomicLong();
    private final long listingSettleNanos;
    private volatile long listingsSettleUntil = System.nanoTime();

    RenderedPages(PortalProperties properties, ObjectProvider<MeterRegistry> meters) {
        PortalProperties.Caching caching = properties.getCaching();
        long ttl = caching.getRenderedPageTtl().toNanos();
        long degradedTtl = Math.min(ttl, caching.getDegradedPageMaxAge().toNanos());
        this.listingSettleNanos = caching.getListingSettle().toNanos();
        this.pages = Caffeine.newBuilder()
                .maximumWeight(caching.getRenderedPageMaxBytes().toBytes())
                .<String, Page>weigher((key, page) -> key.length() + page.body().length + 512)
                .expireAfter(Expiry.<String, Page>creating((key, page) ->
                        Duration.ofNanos(page.dependencies().degraded() ? degradedTtl : ttl)))
                .recordStats()
                .build();
        meters.ifAvailable(registry -> CaffeineCacheMetrics.monitor(registry, pages, "portal.pages"));
    }

    /** Called by a page's controller: what the page it renders shows. Without it a page is never kept. */
    static void dependOn(HttpServletRequest request, Dependencies dependencies) {
        request.setAttribute(DEPENDENCIES, dependencies);
    }

    static Dependencies dependencies(HttpServletRequest request) {
        return (Dependencies) request.getAttribute(DEPENDENCIES);
    }

    Page get(String key) {
        return pages.getIfPresent(key);
    }

    /** Read before rendering and handed to {@link #keep}: a page rendered across an event is not kept. */
    long changes() {
        return changes.get();
    }

    void keep(String key, Page page, long changesBefore) {
        Dependencies dependencies = page.dependencies();
        if (!dependencies.keep() || changesBefore != changes.get()
                || dependencies.listings() && System.nanoTime() - listingsSettleUntil < 0) {
            return;
        }
        pages.put(key, page);
        if (changesBefore != changes.get()) {
            // An event arrived between the check and the put: its invalidation may have run before the put.
            pages.invalidate(key);
        }
    }

    @EventListener
    void on(Change change) {
        changes.incrementAndGet();
        if (change instanceof Change.ArticleChange article) {
            listingsSettleUntil = System.nanoTime() + listingSettleNanos;
            pages.asMap().values().removeIf(page -> page.dependencies().listings()
                    || page.dependencies().articleIds().contains(article.articleId()));
        } else {
            pages.invalidateAll();
        }
    }
}
