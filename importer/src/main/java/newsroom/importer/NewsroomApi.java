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
 * batch import and the old addresses. One account (an editor or admin) that signs in once
 * ({@code POST /api/auth/token}, HTTP Basic) and sends the bearer token after, renewed before it expires: a password
 * check costs a service tens of milliseconds of CPU (BCrypt), a token check microseconds — with HTTP Basic on every
 * call, category-service spent most of an import's CPU checking the password of its 200 category writes and of
 * the importer's polls. Where the token endpoint is off (an outside OIDC issuer), HTTP Basic on every request.
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
    private final String basic;
    /** The bearer token and when to renew it; null until signed in, or for good where tokens are not offered. */
    private volatile String bearer;
    private volatile long renewAt;
    private volatile boolean basicOnly;

    NewsroomApi(String articleService, String categoryService, String user, String password) {
        this.articleService = articleService.replaceAll("/+$", "");
        this.categoryService = categoryService.replaceAll("/+$", "");
        this.basic = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The Authorization header of the next request: a bearer token (signing in or renewing first), else Basic. */
    private synchronized String authorization() throws IOException, InterruptedException {
        if (basicOnly) {
            return basic;
        }
        if (bearer == null || System.nanoTime() - renewAt > 0) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                            URI.create(articleService + "/api/auth/token")).timeout(TIMEOUT)
                    .header("Authorization", basic).header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new Refused(response.statusCode(), "Signing in at " + articleService + "/api/auth/token: "
                        + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
            }
            if (response.statusCode() != 200) {
                basicOnly = true; // no token endpoint (an outside issuer): HTTP Basic on every request
                return basic;
            }
            JsonNode token = json.readTree(response.body());
            bearer = "Bearer " + token.get("access_token").asString();
            // Renewed at half its lifetime: a batch in flight never carries an expired token.
            renewAt = System.nanoTime() + Duration.ofSeconds(Math.max(10, token.path("expires_in").asLong(600)))
                    .toNanos() / 2;
        }
        return bearer;
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
                .header("Authorization", authorization()).header("Accept", "application/json");
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
