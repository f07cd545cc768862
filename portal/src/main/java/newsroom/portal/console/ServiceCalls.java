package newsroom.portal.console;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a service's refusal (RFC 9457 problem+json: {@code detail}, and {@code errors} naming fields) or its absence
 * into a {@link ConsoleProblem} the console can show next to the form.
 */
final class ServiceCalls {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ServiceCalls() {
    }

    static <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (RestClientResponseException e) {
            throw problem(service, e.getStatusCode().value(), e.getResponseBodyAsString());
        } catch (ResourceAccessException e) {
            throw new ConsoleProblem(503, service + " 暂时不可用（" + e.getMostSpecificCause().getMessage() + "），请稍后再试。");
        } catch (RestClientException e) {
            throw new ConsoleProblem(502, service + " 的回答无法理解：" + e.getMostSpecificCause().getMessage());
        }
    }

    static ConsoleProblem problem(String service, int status, String body) {
        String detail = detail(body);
        String message = switch (status) {
            case 401 -> "登录已失效，请重新登录。";
            case 403 -> "没有权限：" + detail;
            case 404 -> "找不到：" + detail;
            case 409 -> "无法执行：" + detail;
            case 412, 428 -> "这篇文章刚被别人修改过，请重新打开后再改。（" + detail + "）";
            case 400, 422 -> "请检查填写的内容：" + detail;
            default -> status >= 500 ? service + " 出错了（" + status + "），请稍后再试。" : detail;
        };
        return new ConsoleProblem(status, message);
    }

    private static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode problem = JSON.readTree(body);
            List<String> parts = new ArrayList<>();
            JsonNode errors = problem.get("errors");
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                for (JsonNode error : errors) {
                    String field = text(error, "field");
                    String reason = text(error, "reason");
                    if (reason == null) {
                        reason = text(error, "message");
                    }
                    parts.add(field == null ? reason : field + " " + reason);
                }
                return String.join("; ", parts);
            }
            String detail = text(problem, "detail");
            return detail != null ? detail : body.length() > 300 ? body.substring(0, 300) : body;
        } catch (RuntimeException notJson) {
            return body.length() > 300 ? body.substring(0, 300) : body;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
