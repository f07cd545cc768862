package newsroom.importer.dede;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DedeMappingTests {

    final DedeMapping mapping = new DedeMapping(null, "", ZoneId.of("Asia/Shanghai"));
    final long pub = Instant.parse("2021-12-31T17:30:00Z").getEpochSecond(); // 2022-01-01 01:30 in Shanghai

    DedeArticle article(String flag, int arcrank, long sortrank, String filename) {
        return new DedeArticle(9, 3, sortrank, flag, arcrank, 120, "标题\u0007", "短", "w", "s", "", pub, pub,
                "a, b，c;a", "desc\u0001\r\nline", filename, 1);
    }

    DedeCategory category(String namerule) {
        return new DedeCategory(3, 1, 10, "园区规划", "{cmspath}/a/news/Park_Planning/", namerule, null,
                "index.html", true);
    }

    @Test
    void mapsFlagsStatusPinningAndTextFields() {
        ImportItem item = mapping.article(article("h,a", 0, pub + 10, ""), "<p>x</p>", category(""), "17");

        assertThat(item.headline()).isTrue();
        assertThat(item.recommended()).isTrue();
        assertThat(item.pinned()).isTrue();
        assertThat(item.title()).isEqualTo("标题");
        assertThat(item.summary()).isEqualTo("desc \r\nline");
        assertThat(item.keywords()).containsExactly("a", "b", "c");
        assertThat(item.categoryId()).isEqualTo("17");
        assertThat(mapping.article(article("p", -1, pub, ""), "b", category(""), "17").status())
                .isEqualTo("IN_REVIEW");
        assertThat(mapping.article(article("", 0, pub, ""), "b", category(""), "17").pinned()).isFalse();
    }

    @Test
    void namesOldFilesByTheCategorysRuleInTheSitesTimeZone() {
        assertThat(mapping.oldPaths(article("", 0, pub, ""), category("")))
                .containsExactly("/plus/view.php?aid=9", "/a/news/Park_Planning/2022/0101/9.html");
        assertThat(mapping.oldPaths(article("", 0, pub, ""), category("{typedir}/{Y}{M}/{D}/{aid}.shtml")))
                .endsWith("/a/news/Park_Planning/202201/01/9.shtml");
        assertThat(mapping.oldPaths(article("", 0, pub, "about-us"), category("")))
                .endsWith("/a/news/Park_Planning/2022/0101/about-us.html");
        assertThat(mapping.oldPaths(article("", 0, pub, ""), category("{typedir}/{pinyin}.html")))
                .containsExactly("/plus/view.php?aid=9");
    }

    @Test
    void mapsCategoriesWithSlugsFromTheirFolders() {
        CategorySpec spec = mapping.category(category(""));

        assertThat(spec.slug()).isEqualTo("park-planning");
        assertThat(spec.hidden()).isTrue();
        assertThat(spec.sortOrder()).isEqualTo(10);
        assertThat(spec.listPaths()).containsExactly("/a/news/Park_Planning/", "/plus/list.php?tid=3");
        assertThat(DedeMapping.slug(new DedeCategory(5, 0, 1, "新闻", "/a/新闻", null, null, null, false)))
                .isEqualTo("c5");
    }

    @Test
    void excludesTheRecycleBin() {
        assertThat(mapping.exclusion(article("", -2, pub, ""))).isPresent();
        assertThat(mapping.exclusion(article("", -1, pub, ""))).isEmpty();
        assertThat(mapping.exclusion(article("", 3, pub, ""))).isEmpty();
    }
}
