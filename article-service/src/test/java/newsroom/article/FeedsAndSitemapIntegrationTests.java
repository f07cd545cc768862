package newsroom.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class FeedsAndSitemapIntegrationTests extends ArticleServiceIntegrationTest {

    static final String ROOT = "9900";
    static final String CHILD = "9901";
    static final String OTHER = "9902";

    @BeforeEach
    void setUp() {
        Newsroom.category(replica, ROOT, "新闻中心", ROOT);
        Newsroom.category(replica, CHILD, "园区规划", ROOT, CHILD);
        Newsroom.category(replica, OTHER, "其他", OTHER);
    }

    SyndFeed feed(String path) throws Exception {
        ResponseEntity<byte[]> response = anyone.get().uri(path).retrieve().toEntity(byte[].class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/rss+xml");
        String xml = new String(response.getBody(), StandardCharsets.UTF_8);
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").contains("<rss").contains("version=\"2.0\"");
        return new SyndFeedInput().build(new StringReader(xml));
    }

    List<String> titles(SyndFeed feed) {
        List<String> titles = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            titles.add(entry.getTitle());
        }
        return titles;
    }

    @Test
    void theSiteFeedListsPublishedArticlesNewestFirstWithCjkTitlesIntact() throws Exception {
        String first = Newsroom.publish(editor, CHILD, Map.of("title", "第一篇：数字经济", "slug", "feed-first"));
        String second = Newsroom.publish(editor, OTHER, Map.of("title", "第二篇：产业创新"));
        Newsroom.createId(editor, Newsroom.draft(CHILD, Map.of("title", "草稿不该出现")));
        String withdrawn = Newsroom.publish(editor, CHILD, Map.of("title", "撤下的不该出现"));
        Newsroom.action(editor, withdrawn, "unpublish");

        SyndFeed feed = feed("/feeds/rss.xml");
        List<String> titles = titles(feed);
        assertThat(titles).containsSubsequence("第二篇：产业创新", "第一篇：数字经济")
                .doesNotContain("草稿不该出现", "撤下的不该出现");
        SyndEntry entry = feed.getEntries().stream().filter(e -> e.getTitle().equals("第一篇：数字经济")).findFirst()
                .orElseThrow();
        assertThat(entry.getLink()).isEqualTo("http://localhost:8080/articles/" + first + "-feed-first");
        assertThat(entry.getDescription().getValue()).isEqualTo("苏州市数字经济时代产业创新集群发展大会召开");
        assertThat(second).isNotBlank();
    }

    @Test
    void aCategoryFeedHasItsSubtreeOnlyAndAnUnknownCategoryIsNotFound() throws Exception {
        Newsroom.publish(editor, CHILD, Map.of("title", "子类文章"));
        Newsroom.publish(editor, OTHER, Map.of("title", "别处文章"));
        SyndFeed feed = feed("/feeds/categories/" + ROOT + "/rss.xml");
        assertThat(feed.getTitle()).isEqualTo("Newsroom - 新闻中心");
        assertThat(titles(feed)).contains("子类文章").doesNotContain("别处文章");

        assertThat(anyone.get().uri("/feeds/categories/nope/rss.xml").retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void textThatNeedsEscapingStaysValidXmlInTheFeedAndTheSitemap() throws Exception {
        String id = Newsroom.publish(editor, CHILD, Map.of("title", "园区 & \"高新\" <技术> 区 — 第一季度"));
        assertThat(titles(feed("/feeds/rss.xml"))).contains("园区 & \"高新\" <技术> 区 — 第一季度");

        ResponseEntity<byte[]> sitemap = anyone.get().uri("/sitemap.xml").retrieve().toEntity(byte[].class);
        assertThat(sitemap.getHeaders().getContentType().toString()).startsWith("application/xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(sitemap.getBody()));
        assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.sitemaps.org/schemas/sitemap/0.9");

        List<String> locs = texts(xml.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "loc"));
        assertThat(locs).contains("http://localhost:8080/", "http://localhost:8080/categories/" + CHILD,
                "http://localhost:8080/articles/" + id);
        List<String> newsTitles = texts(xml.getElementsByTagNameNS(
                "http://www.google.com/schemas/sitemap-news/0.9", "title"));
        assertThat(newsTitles).contains("园区 & \"高新\" <技术> 区 — 第一季度");
        assertThat(new String(sitemap.getBody(), StandardCharsets.UTF_8))
                .contains("园区 &amp; \"高新\" &lt;技术&gt; 区").contains("<news:language>zh-cn</news:language>");
    }

    @Test
    void theSitemapNeverListsUnpublishedArticles() throws Exception {
        String draft = Newsroom.createId(editor, Newsroom.draft(CHILD, Map.of()));
        String withdrawn = Newsroom.publish(editor, CHILD, Map.of());
        Newsroom.action(editor, withdrawn, "unpublish");
        String xml = anyone.get().uri("/sitemap.xml").retrieve().body(String.class);
        assertThat(xml).doesNotContain("/articles/" + draft + "<").doesNotContain("/articles/" + withdrawn + "<");
    }

    private static List<String> texts(NodeList nodes) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
