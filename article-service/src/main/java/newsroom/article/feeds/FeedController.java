package newsroom.article.feeds;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import newsroom.article.categories.CategoryReplica;
import newsroom.article.categories.KnownCategory;
import newsroom.article.editorial.Article;
import newsroom.article.reading.PublishedArticles;
import newsroom.platform.web.ProblemException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * RSS 2.0 feeds (written with ROME) of the newest published articles, for the whole site and per category subtree,
 * and the sitemap (sitemaps.org 0.9, with Google News entries for the last two days), written with StAX so that
 * every text is escaped and the document is UTF-8. Only published articles ever appear.
 */
@RestController
@EnableConfigurationProperties(PublicSite.class)
@Tag(name = "Feeds", description = "RSS and sitemap")
class FeedController {

    static final MediaType RSS = MediaType.parseMediaType("application/rss+xml;charset=UTF-8");
    static final MediaType XML = MediaType.parseMediaType("application/xml;charset=UTF-8");
    private static final int FEED_SIZE = 50;
    private static final int SITEMAP_MAX_URLS = 50_000;
    private static final Duration NEWS_WINDOW = Duration.ofDays(2);

    private final PublishedArticles published;
    private final CategoryReplica categories;
    private final MongoTemplate mongo;
    private final PublicSite site;
    private final Clock clock;

    FeedController(PublishedArticles published, CategoryReplica categories, MongoTemplate mongo, PublicSite site,
            Clock clock) {
        this.published = published;
        this.categories = categories;
        this.mongo = mongo;
        this.site = site;
        this.clock = clock;
    }

    @GetMapping("/feeds/rss.xml")
    @Operation(summary = "RSS 2.0 feed of the newest articles")
    ResponseEntity<byte[]> siteFeed() {
        return rss(site.getSiteName(), site.homeUrl(), site.getDescription(), published.latest(null, FEED_SIZE));
    }

    @GetMapping("/feeds/categories/{id}/rss.xml")
    @Operation(summary = "RSS 2.0 feed of the newest articles in a category and its subcategories")
    ResponseEntity<byte[]> categoryFeed(@PathVariable String id) {
        KnownCategory category = categories.usable(id).filter(c -> !c.hidden())
                .orElseThrow(() -> ProblemException.notFound("Category", id));
        return rss(site.getSiteName() + " - " + category.name(), site.categoryUrl(id), category.name(),
                published.latest(id, FEED_SIZE));
    }

    private ResponseEntity<byte[]> rss(String title, String link, String description, List<Article> articles) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("rss_2.0");
        feed.setEncoding("UTF-8");
        feed.setTitle(XmlText.clean(title));
        feed.setLink(link);
        feed.setDescription(XmlText.clean(description));
        feed.setLanguage(site.getLanguage());
        feed.setPublishedDate(articles.isEmpty() ? null : Date.from(articles.get(0).getPublishedAt()));
        List<SyndEntry> entries = new ArrayList<>();
        for (Article article : articles) {
            SyndEntry entry = new SyndEntryImpl();
            entry.setTitle(XmlText.clean(article.getTitle()));
            entry.setLink(site.articleUrl(article));
            entry.setUri(site.articleUrl(article));
            entry.setPublishedDate(Date.from(article.getPublishedAt()));
            if (article.getWriter() != null) {
                entry.setAuthor(XmlText.clean(article.getWriter()));
            }
            if (article.getSummary() != null) {
                SyndContent summary = new SyndContentImpl();
                summary.setType("text/plain");
                summary.setValue(XmlText.clean(article.getSummary()));
                entry.setDescription(summary);
            }
            List<SyndCategory> tags = new ArrayList<>();
            for (String keyword : article.getKeywords()) {
                SyndCategory tag = new SyndCategoryImpl();
                tag.setName(XmlText.clean(keyword));
                tags.add(tag);
            }
            entry.setCategories(tags);
            entries.add(entry);
        }
        feed.setEntries(entries);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                new SyndFeedOutput().output(feed, writer);
            }
            return ResponseEntity.ok().contentType(RSS).cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                    .body(out.toByteArray());
        } catch (FeedException | java.io.IOException e) {
            throw new IllegalStateException("Could not write the feed", e);
        }
    }

    @GetMapping("/sitemap.xml")
    @Operation(summary = "sitemaps.org sitemap of the site, categories and published articles")
    ResponseEntity<byte[]> sitemap() throws XMLStreamException {
        Instant now = clock.instant();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("urlset");
        xml.writeDefaultNamespace("http://www.sitemaps.org/schemas/sitemap/0.9");
        xml.writeNamespace("news", "http://www.google.com/schemas/sitemap-news/0.9");
        url(xml, site.homeUrl(), null);
        List<KnownCategory> visible = mongo.find(Query.query(Criteria.where("deleted").is(false)
                .and("hidden").is(false)), KnownCategory.class);
        for (KnownCategory category : visible) {
            url(xml, site.categoryUrl(category.id()), null);
        }
        for (Article article : published.latest(null, Math.max(1, SITEMAP_MAX_URLS - 1 - visible.size()))) {
            xml.writeStartElement("url");
            element(xml, "loc", site.articleUrl(article));
            Instant modified = article.getUpdatedAt() != null ? article.getUpdatedAt() : article.getPublishedAt();
            element(xml, "lastmod", DateTimeFormatter.ISO_INSTANT.format(modified));
            if (article.getPublishedAt().isAfter(now.minus(NEWS_WINDOW))) {
                xml.writeStartElement("news", "news", "http://www.google.com/schemas/sitemap-news/0.9");
                xml.writeStartElement("news", "publication", "http://www.google.com/schemas/sitemap-news/0.9");
                newsElement(xml, "name", site.getSiteName());
                newsElement(xml, "language", newsLanguage(site.getLanguage()));
                xml.writeEndElement();
                newsElement(xml, "publication_date", DateTimeFormatter.ISO_INSTANT.format(article.getPublishedAt()));
                newsElement(xml, "title", article.getTitle());
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return ResponseEntity.ok().contentType(XML).cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                .body(out.toByteArray());
    }

    /** Google News wants ISO 639 codes, except zh-cn and zh-tw for Chinese. */
    static String newsLanguage(String bcp47) {
        String lower = bcp47.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("zh")) {
            return lower.contains("tw") || lower.contains("hk") || lower.contains("hant") ? "zh-tw" : "zh-cn";
        }
        return lower.split("-")[0];
    }

    private static void url(XMLStreamWriter xml, String loc, Instant lastmod) throws XMLStreamException {
        xml.writeStartElement("url");
        element(xml, "loc", loc);
        if (lastmod != null) {
            element(xml, "lastmod", DateTimeFormatter.ISO_INSTANT.format(lastmod));
        }
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(XmlText.clean(text));
        xml.writeEndElement();
    }

    private static void newsElement(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement("news", name, "http://www.google.com/schemas/sitemap-news/0.9");
        xml.writeCharacters(XmlText.clean(text));
        xml.writeEndElement();
    }
}
