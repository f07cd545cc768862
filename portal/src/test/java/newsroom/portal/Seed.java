package newsroom.portal;

import java.util.ArrayList;
import java.util.List;

/** The seed page as the three services would answer for it (ids as the local run would assign them). */
final class Seed {

    static final String ARTICLE_ID = "1";
    static final String CATEGORY_ID = "13";
    static final String ROOT_ID = "1";
    static final String TITLE = "打造数字经济时代产业创新集群,园区这么干!";

    static final List<String> SIBLINGS = List.of("高新院新闻", "政策解读", "高新区新闻", "区域经济研究", "经济开发区新闻",
            "科技创新", "战略性新兴产业研究", "行业洞见", "一带一路新闻", "智慧城市案例", "产业规划", "园区规划", "智慧城市news");

    private Seed() {
    }

    static String article(String body) {
        return """
                {"id":"1","slug":"park-cluster","path":"/api/articles/1-park-cluster",
                 "title":"打造数字经济时代产业创新集群,园区这么干!","subtitle":null,
                 "summary":"1月5日,苏州市数字经济时代产业创新集群发展大会召开",
                 "body":%s,
                 "source":"高新院 achie.org","writer":null,"coverImageUrl":null,"keywords":["数字经济","智改数转"],
                 "seoTitle":"x","seoDescription":"y","categoryId":"13","categoryPath":["1","13"],
                 "headline":false,"recommended":false,"pinned":false,
                 "publishedAt":"2022-01-07T01:00:00Z","updatedAt":"2022-01-07T01:00:00Z","revision":2,
                 "somethingNew":{"nested":true}}
                """.formatted(json(body));
    }

    static String breadcrumb() {
        return "[" + category(ROOT_ID, "新闻中心", null, 1) + "," + category(CATEGORY_ID, "园区规划", ROOT_ID, 120) + "]";
    }

    static String siblings() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < SIBLINGS.size(); i++) {
            items.add(category(String.valueOf(i + 2), SIBLINGS.get(i), ROOT_ID, (i + 1) * 10));
        }
        // 园区规划 is id 13 in this numbering (the 12th sibling, ids 2..14)
        return "[" + String.join(",", items) + "]";
    }

    static String category(String id, String name, String parentId, int sortOrder) {
        return """
                {"id":"%s","name":"%s","slug":"c%s","parentId":%s,"path":["%s"],"sortOrder":%d,"hidden":false,"revision":1}
                """.formatted(id, name, id, parentId == null ? "null" : "\"" + parentId + "\"", id, sortOrder).strip();
    }

    static String related() {
        return """
                [{"id":"2","slug":"five-levers","title":"【演示】园区数字化转型的五个抓手","summary":"s","categoryId":"13",
                  "publishedAt":"2022-01-06T01:00:00Z"}]
                """;
    }

    static String views(long views) {
        return "{\"articleId\":\"1\",\"views\":" + views + ",\"uniqueVisitors\":1}";
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
