package newsroom.article.views;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import newsroom.platform.web.FieldError;
import newsroom.platform.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the view beacon ({@code POST /api/articles/{id}/views}) ahead of the security chain, the observation
 * filter and MVC — the hottest write in the system, one call per page display. None of those layers has anything to
 * decide for it: the beacon is public, takes no credentials, sets no cookies and answers an empty 202; together they
 * cost about twice what the beacon's own work does (profiled in bench/README.md). What it does keep: the client
 * address as Tomcat's RemoteIpValve resolved it (a valve, so it ran before this), a body bound, RFC 9457 problems
 * for 400/404/413/429, and a count per outcome ({@code newsroom.beacon.requests{outcome}}).
 * <p>
 * Left to the regular path, {@link ViewBeaconController}: traced calls (a {@code traceparent} header — their trace
 * continues into the event there) and ids outside the plain character set (so MVC decodes and rejects them as
 * usual). While this filter sends, observations are off ({@link #isSending()}, read by the predicate in
 * {@link BeaconConfiguration}): an untraced view would otherwise start three new traces (function, channel, Kafka
 * template) per call.
 */
class BeaconFilter extends OncePerRequestFilter {

    /** {"referrer": document.referrer} with a referrer of up to 2 KB fits many times over. */
    static final int MAX_BODY_BYTES = 8 * 1024;
    private static final String PREFIX = "/api/articles/";
    private static final String SUFFIX = "/views";
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final ThreadLocal<Boolean> SENDING = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private static final Logger log = LoggerFactory.getLogger(BeaconFilter.class);

    private final ViewRecorder recorder;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Map<Integer, Counter> outcomes = new ConcurrentHashMap<>();

    BeaconFilter(ViewRecorder recorder, JsonMapper json, MeterRegistry meters) {
        this.recorder = recorder;
        this.json = json;
        this.meters = meters;
    }

    /** True while this thread sends a beacon's event from this filter. */
    static boolean isSending() {
        return SENDING.get();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || articleId(request.getRequestURI()) == null
                || request.getHeader("traceparent") != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = articleId(request.getRequestURI());
        HttpStatus status = HttpStatus.ACCEPTED;
        try {
            String body = bodyOf(request);
            SENDING.set(Boolean.TRUE);
            try {
                recorder.record(id, body, request.getHeader(HttpHeaders.USER_AGENT),
                        request.getHeader(HttpHeaders.REFERER), request.getHeader(HttpHeaders.ACCEPT_LANGUAGE),
                        request.getRemoteAddr());
            } finally {
                SENDING.set(Boolean.FALSE);
            }
            response.setStatus(status.value());
        } catch (ProblemException problem) {
            status = problem.status();
            writeProblem(request, response, problem);
        } catch (RuntimeException unexpected) {
            // As the MVC advice does: logged, and a problem without internals (a store miss failing, a full buffer).
            log.error("View beacon failed", unexpected);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            writeProblem(request, response, new ProblemException(status, null,
                    "An unexpected error occurred; it has been logged"));
        }
        count(status);
    }

    private void count(HttpStatus status) {
        outcomes.computeIfAbsent(status.value(), code -> Counter.builder("newsroom.beacon.requests")
                .tag("outcome", outcomeOf(status)).description("View beacon calls answered ahead of MVC, by outcome")
                .register(meters)).increment();
    }

    /** The id in {@code /api/articles/{id}/views}, or null when the path is not that (or the id is not plain). */
    static String articleId(String uri) {
        if (uri == null || !uri.startsWith(PREFIX) || !uri.endsWith(SUFFIX)
                || uri.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        String id = uri.substring(PREFIX.length(), uri.length() - SUFFIX.length());
        return PLAIN_ID.matcher(id).matches() ? id : null;
    }

    private static String bodyOf(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        InputStream in = request.getInputStream();
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static ProblemException tooLarge() {
        return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "body",
                "must be at most " + MAX_BODY_BYTES + " bytes");
    }

    /** The same problem+json the MVC advice renders for a {@link ProblemException}. */
    private void writeProblem(HttpServletRequest request, HttpServletResponse response, ProblemException problem)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", problem.status().getReasonPhrase());
        body.put("status", problem.status().value());
        body.put("detail", problem.getMessage());
        body.put("instance", request.getRequestURI());
        if (problem.field() != null) {
            body.put("errors", List.of(new FieldError(problem.field(), problem.getMessage())));
        }
        response.setStatus(problem.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    private static String outcomeOf(HttpStatus status) {
        return switch (status) {
            case ACCEPTED -> "accepted";
            case NOT_FOUND -> "not_found";
            case TOO_MANY_REQUESTS -> "rate_limited";
            default -> "refused";
        };
    }
}
