package newsroom.importer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services' public APIs as the importer uses them: category-service for categories, article-service for the
 * batch import and the old addresses. One account (an editor or admin), HTTP Basic — checked once per request, and a
 * request carries a whole batch.
 */
final class NewsroomApi {

    /** A request the service refused (4xx): not worth repeating as is. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String articleService;
    private final String categoryService;
    private final String authorization;

    NewsroomApi(String articleService, String categoryService, String user, String password) {
        this.articleService = articleService.replaceAll("/+$", "");
        this.categoryService = categoryService.replaceAll("/+$", "");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    JsonMapper json() {
        return json;
    }

    /** Every category (hidden ones too), flattened: id, parentId, slug. */
    List<JsonNode> categories() throws IOException, InterruptedException {
        JsonNode tree = send("GET", categoryService + "/api/categories?includeHidden=true", null, 200);
        List<JsonNode> all = new ArrayList<>();
        flatten(tree, all);
        return all;
    }

    private static void flatten(JsonNode nodes, List<JsonNode> into) {
        for (JsonNode node : nodes) {
            into.add(node);
            if (node.has("children") && node.get("children").isArray()) {
                flatten(node.get("children"), into);
            }
        }
    }

    String createCategory(String name, String slug, String parentId, int sortOrder, boolean hidden)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("slug", slug);
        body.put("parentId", parentId);
        body.put("sortOrder", sortOrder);
        body.put("hidden", hidden);
        return send("POST", categoryService + "/api/categories", body, 201).get("id").asString();
    }

    JsonNode categoryAddresses(Map<String, Object> body) throws IOException, InterruptedException {
        return send("POST", articleService + "/api/editorial/imports/category-addresses", body, 200);
    }

    JsonNode importBatch(Map<String, Object> body) throws IOException, InterruptedException {
        return send("POST", articleService + "/api/editorial/imports", body, 200);
    }

    /** Where an old address leads now, or null (404). */
    JsonNode legacyUrl(String path) throws IOException, InterruptedException {
        try {
            return send("GET", articleService + "/api/articles/legacy-urls?path="
                    + URLEncoder.encode(path, StandardCharsets.UTF_8), null, 200);
        } catch (Refused e) {
            if (e.status == 404) {
                return null;
            }
            throw e;
        }
    }

    private JsonNode send(String method, String url, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", authorization).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() == expected) {
            return json.readTree(text);
        }
        String message = method + " " + url + " answered " + response.statusCode() + ": "
                + (text.length() > 500 ? text.substring(0, 500) + "..." : text);
        if (response.statusCode() >= 400 && response.statusCode() < 500) {
            throw new Refused(response.statusCode(), message);
        }
        throw new IOException(message);
    }
}
