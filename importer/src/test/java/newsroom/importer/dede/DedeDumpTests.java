package newsroom.importer.dede;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedeDumpTests {

    static final Path SEED = Path.of("src/test/resources/dedecms/seed-gbk.sql");
    static final Charset GBK = Charset.forName("GBK");

    @TempDir
    Path dir;

    @Test
    void readsTheSeedSiteFromItsGbkDump() throws Exception {
        Report report = new Report();
        DedeDump dump = new DedeDump(SEED, GBK, "dede_", report);

        DedeDump.Catalog catalog = dump.readCatalog();
        Map<Long, String> bodies = new LinkedHashMap<>();
        dump.readBodies(catalog.articles(), (article, body) -> bodies.put(article.id(), body));

        assertThat(catalog.categories()).hasSize(14);
        assertThat(catalog.categories().get(1L).name()).isEqualTo("新闻中心");
        assertThat(catalog.categories().get(13L)).satisfies(c -> {
            assertThat(c.name()).isEqualTo("园区规划");
            assertThat(c.parentId()).isEqualTo(1);
            assertThat(c.sortrank()).isEqualTo(120);
            assertThat(c.typedir()).isEqualTo("{cmspath}/a/news/park_planning");
        });
        DedeArticle seed = catalog.articles().get(120L);
        assertThat(seed.title()).isEqualTo("打造数字经济时代产业创新集群,园区这么干!");
        assertThat(Instant.ofEpochSecond(seed.pubdate())).isEqualTo(Instant.parse("2022-01-07T01:00:00Z"));
        assertThat(seed.click()).isEqualTo(356);
        assertThat(catalog.articles().get(123L).title()).contains("誠信").contains("O'Neil");
        assertThat(bodies).containsKeys(120L, 121L, 122L, 123L);
        assertThat(bodies.get(120L)).startsWith("<p>").contains("苏州");
        assertThat(report.total()).isZero();
    }

    @Test
    void reportsEveryKindOfBadRowWithItsIdAndReadsTheRest() throws Exception {
        Path file = dir.resolve("bad.sql");
        List<byte[]> parts = new ArrayList<>();
        parts.add(("INSERT INTO `dede_arctype` (`id`,`reid`,`typename`,`typedir`,`colour`) VALUES "
                + "(1,0,'新闻','/a/news','red');\n"
                + "INSERT INTO `dede_archives` (`id`,`typeid`,`arcrank`,`title`,`pubdate`) VALUES "
                + "(1,1,0,'好的',1641517200),(2,1,0,'坏的',12x),(3,1,0,'").getBytes(GBK));
        parts.add(new byte[] {(byte) 0xFF, (byte) 0xFF});
        parts.add(("',1641517200),(4,1,0,'body bad',1641517200),(5,1,0,'only three',1);\n"
                + "INSERT INTO `dede_archives` (`id`,`title`) VALUES (6,'no typeid');\n"
                + "INSERT INTO `dede_addonarticle` (`aid`,`body`) VALUES (1,'<p>正文</p>'),(4,'").getBytes(GBK));
        parts.add(new byte[] {(byte) 0x81, (byte) 0x20});
        parts.add("'),(5,'<p>截断".getBytes(GBK));
        Files.write(file, concat(parts));
        Report report = new Report();
        DedeDump dump = new DedeDump(file, GBK, "dede_", report);

        DedeDump.Catalog catalog = dump.readCatalog();
        Map<Long, String> bodies = new LinkedHashMap<>();
        dump.readBodies(catalog.articles(), (article, body) -> bodies.put(article.id(), body));

        assertThat(bodies).containsOnlyKeys(1L);
        assertThat(report.examples("unknown columns (ignored)")).containsExactly("dede_arctype: colour");
        assertThat(report.examples("not a number in dede_archives.pubdate")).singleElement().asString()
                .contains("aid 2");
        assertThat(report.examples("undecodable bytes (not GBK)")).hasSize(2)
                .anySatisfy(e -> assertThat(e).startsWith("aid 3: title"))
                .anySatisfy(e -> assertThat(e).startsWith("aid 4: body"));
        assertThat(report.count("rows without required columns [id, typeid, arcrank, title, pubdate]")).isEqualTo(1);
        assertThat(report.examples("unreadable dump")).singleElement().asString().contains("truncated");
        assertThat(report.examples("no body in dede_addonarticle (not an article, or lost)")).singleElement()
                .asString().startsWith("aid 5");
    }

    @Test
    void readsUtf8DumpsAsWell() throws Exception {
        Path file = dir.resolve("utf8.sql");
        Files.writeString(file, "INSERT INTO `cms_arctype` (`id`,`reid`,`typename`,`typedir`) VALUES "
                + "(1,0,'新闻','/a/news');", StandardCharsets.UTF_8);

        DedeDump.Catalog catalog = new DedeDump(file, StandardCharsets.UTF_8, "cms_", new Report()).readCatalog();

        assertThat(catalog.categories().get(1L).name()).isEqualTo("新闻");
    }

    @Test
    void mapsTheSeedArticleAsTheIssueSays() throws Exception {
        DedeDump dump = new DedeDump(SEED, GBK, "dede_", new Report());
        DedeDump.Catalog catalog = dump.readCatalog();
        DedeMapping mapping = new DedeMapping("http://www.achie.org", "", ZoneId.of("Asia/Shanghai"));
        Map<Long, ImportItem> items = new LinkedHashMap<>();
        dump.readBodies(catalog.articles(), (a, body) -> {
            if (mapping.exclusion(a).isEmpty()) {
                items.put(a.id(), mapping.article(a, body, catalog.categories().get(a.typeid()), "c" + a.typeid()));
            }
        });

        assertThat(items).containsOnlyKeys(120L, 121L, 123L);
        ImportItem seed = items.get(120L);
        assertThat(seed.status()).isEqualTo("PUBLISHED");
        assertThat(seed.originallyPublishedAt()).isEqualTo(Instant.parse("2022-01-07T01:00:00Z"));
        assertThat(seed.clicks()).isEqualTo(356);
        assertThat(seed.recommended()).isTrue();
        assertThat(seed.headline()).isFalse();
        assertThat(seed.pinned()).isFalse();
        assertThat(seed.keywords()).containsExactly("数字经济", "产业创新集群", "智改数转", "苏州工业园区");
        assertThat(seed.source()).isEqualTo("高新院 achie.org");
        assertThat(seed.legacyPaths()).containsExactly("/plus/view.php?aid=120",
                "/a/news/park_planning/2022/0107/120.html");
        assertThat(items.get(121L).status()).isEqualTo("IN_REVIEW");
        ImportItem pinned = items.get(123L);
        assertThat(pinned.pinned()).isTrue();
        assertThat(pinned.recommended()).isTrue();
        assertThat(pinned.coverImageUrl()).isEqualTo("http://www.achie.org/uploads/allimg/220107/1-22010F9300.jpg");
        assertThat(pinned.body()).contains("src=\"http://www.achie.org/uploads/");
        assertThat(mapping.exclusion(catalog.articles().get(122L))).hasValueSatisfying(
                reason -> assertThat(reason).contains("recycle bin"));
    }

    private static byte[] concat(List<byte[]> parts) {
        var out = new java.io.ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
