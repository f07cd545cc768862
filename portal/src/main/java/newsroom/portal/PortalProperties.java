package newsroom.portal;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code portal.*}: where the three services are, how long the portal waits for them, and how long pages and
 * navigation may be cached. Every value has an environment-variable short name in application.yml.
 */
@ConfigurationProperties("portal")
public class PortalProperties {

    private final Services services = new Services();
    private final Site site = new Site();
    private final Caching caching = new Caching();

    public Services getServices() { return services; }
    public Site getSite() { return site; }
    public Caching getCaching() { return caching; }

    public static class Services {
        /** article-service: articles, related articles, the view beacon, feeds, the editorial API. */
        private String articleUrl = "http://localhost:8081";
        /** category-service: the tree, breadcrumbs, siblings and listings. */
        private String categoryUrl = "http://localhost:8082";
        /** stats-service: view counts. */
        private String statsUrl = "http://localhost:8083";
        /** How long to wait for a TCP connection. */
        private Duration connectTimeout = Duration.ofMillis(1000);
        /** How long to wait for a response once connected. */
        private Duration readTimeout = Duration.ofMillis(3000);

        public String getArticleUrl() { return articleUrl; }
        public void setArticleUrl(String articleUrl) { this.articleUrl = articleUrl; }
        public String getCategoryUrl() { return categoryUrl; }
        public void setCategoryUrl(String categoryUrl) { this.categoryUrl = categoryUrl; }
        public String getStatsUrl() { return statsUrl; }
        public void setStatsUrl(String statsUrl) { this.statsUrl = statsUrl; }
        public Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
        public Duration getReadTimeout() { return readTimeout; }
        public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
    }

    public static class Site {
        /** The site's name, in the header and page titles. */
        private String name = "高新院";
        /** The first breadcrumb entry, linking to the home page. */
        private String homeLabel = "主页";
        /** Dates are shown in this zone (the newsroom's, not the reader's). */
        private ZoneId timeZone = ZoneId.of("Asia/Shanghai");
        /** Articles per page on category pages. */
        private int pageSize = 20;
        /** Articles per top category on the home page. */
        private int homeArticles = 8;
        /** Related articles shown under an article. */
        private int relatedArticles = 5;

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getHomeLabel() { return homeLabel; }
        public void setHomeLabel(String homeLabel) { this.homeLabel = homeLabel; }
        public ZoneId getTimeZone() { return timeZone; }
        public void setTimeZone(ZoneId timeZone) { this.timeZone = timeZone; }
        public int getPageSize() { return pageSize; }
        public void setPageSize(int pageSize) { this.pageSize = pageSize; }
        public int getHomeArticles() { return homeArticles; }
        public void setHomeArticles(int homeArticles) { this.homeArticles = homeArticles; }
        public int getRelatedArticles() { return relatedArticles; }
        public void setRelatedArticles(int relatedArticles) { this.relatedArticles = relatedArticles; }
    }

    public static class Caching {
        /** Cache-Control max-age of complete reader pages (browsers and CDNs; revalidated with the ETag). */
        private Duration pageMaxAge = Duration.ofSeconds(30);
        /** max-age of pages rendered while a service was down, so the complete page comes back soon. */
        private Duration degradedPageMaxAge = Duration.ofSeconds(5);
        /** After this, a cached category tree, breadcrumb or sibling list is refreshed on its next use. */
        private Duration navigationRefresh = Duration.ofSeconds(30);
        /**
         * Cached navigation is dropped after this: until then, a failed refresh keeps serving the previous value, so
         * a short category-service outage does not take sidebars and breadcrumbs off the pages.
         */
        private Duration navigationExpiry = Duration.ofMinutes(10);
        private long navigationMaxEntries = 10_000;
        /**
         * How long the portal keeps a rendered reader page without any event dropping it (events drop it at once; this
         * bounds what no event announces, such as a related-articles list growing).
         */
        private Duration renderedPageTtl = Duration.ofSeconds(60);
        /** The memory rendered pages may take (their bytes). */
        private DataSize renderedPageMaxBytes = DataSize.ofMegabytes(64);
        /**
         * For this long after an article event, listing pages are rendered on every request and not kept:
         * category-service applies the same event on its own, and the portal cannot tell when.
         */
        private Duration listingSettle = Duration.ofSeconds(2);
        /** Published articles (with the cleaned body) kept in memory. */
        private long articlesMaxEntries = 20_000;
        /** A kept article is read again after this even if no event said it changed. */
        private Duration articlesExpiry = Duration.ofMinutes(10);
        /** How long a click count is kept (by the portal and by browsers). */
        private Duration viewCountMaxAge = Duration.ofSeconds(5);

        public Duration getPageMaxAge() { return pageMaxAge; }
        public void setPageMaxAge(Duration pageMaxAge) { this.pageMaxAge = pageMaxAge; }
        public Duration getDegradedPageMaxAge() { return degradedPageMaxAge; }
        public void setDegradedPageMaxAge(Duration degradedPageMaxAge) { this.degradedPageMaxAge = degradedPageMaxAge; }
        public Duration getNavigationRefresh() { return navigationRefresh; }
        public void setNavigationRefresh(Duration navigationRefresh) { this.navigationRefresh = navigationRefresh; }
        public Duration getNavigationExpiry() { return navigationExpiry; }
        public void setNavigationExpiry(Duration navigationExpiry) { this.navigationExpiry = navigationExpiry; }
        public long getNavigationMaxEntries() { return navigationMaxEntries; }
        public void setNavigationMaxEntries(long navigationMaxEntries) { this.navigationMaxEntries = navigationMaxEntries; }
        public Duration getRenderedPageTtl() { return renderedPageTtl; }
        public void setRenderedPageTtl(Duration renderedPageTtl) { this.renderedPageTtl = renderedPageTtl; }
        public DataSize getRenderedPageMaxBytes() { return renderedPageMaxBytes; }
        public void setRenderedPageMaxBytes(DataSize renderedPageMaxBytes) { this.renderedPageMaxBytes = renderedPageMaxBytes; }
        public Duration getListingSettle() { return listingSettle; }
        public void setListingSettle(Duration listingSettle) { this.listingSettle = listingSettle; }
        public long getArticlesMaxEntries() { return articlesMaxEntries; }
        public void setArticlesMaxEntries(long articlesMaxEntries) { this.articlesMaxEntries = articlesMaxEntries; }
        public Duration getArticlesExpiry() { return articlesExpiry; }
        public void setArticlesExpiry(Duration articlesExpiry) { this.articlesExpiry = articlesExpiry; }
        public Duration getViewCountMaxAge() { return viewCountMaxAge; }
        public void setViewCountMaxAge(Duration viewCountMaxAge) { this.viewCountMaxAge = viewCountMaxAge; }
    }
}
