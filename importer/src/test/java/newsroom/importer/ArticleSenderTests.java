package newsroom.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import newsroom.importer.dede.ImportItem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ArticleSenderTests {

    @Test
    void theSizeOfABatchIsNeverUnderestimated() {
        for (String body : List.of("<p>" + "园区规划".repeat(5000) + "</p>", "\"\\\n".repeat(9000),
                "plain ascii text ".repeat(2000))) {
            ImportItem item = new ImportItem("120", "标题 \"quoted\"", "短标题", "摘要\r\n第二行", body, "高新院", "作者",
                    "http://www.example.org/a.jpg", List.of("数字经济", "园区"), "描述", "13", "PUBLISHED",
                    Instant.parse("2022-01-07T01:00:00Z"), true, false, true, 356,
                    List.of("/plus/view.php?aid=120", "/a/news/2022/0107/120.html"));

            int actual = JsonMapper.builder().build().writeValueAsBytes(item).length;

            assertThat(ArticleSender.estimatedBytes(item)).isGreaterThanOrEqualTo(actual);
        }
    }
}
