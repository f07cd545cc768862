package newsroom.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as RFC 9457 problem+json, like every other error of the API, with the {@code WWW-Authenticate}
 * challenge of the active mode (Basic with a realm, or Bearer with the RFC 6750 error code when a bearer token was
 * refused — in local mode too, where both schemes are accepted).
 */
public class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;
    private final String challenge;
    private final boolean bearer;

    public SecurityProblems(JsonMapper json, boolean bearer, String realm) {
        this.json = json;
        this.bearer = bearer;
        this.challenge = bearer ? "Bearer" : "Basic realm=\"" + realm.replace("\"", "") + "\"";
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        String header = challenge;
        String detail = "Sign in to call this endpoint";
        String sent = request.getHeader(HttpHeaders.AUTHORIZATION);
        // In local mode Basic and the newsroom's bearer tokens are both accepted: answer in the scheme tried.
        boolean bearerSent = sent != null && sent.regionMatches(true, 0, "Bearer ", 0, 7);
        if (sent != null) {
            detail = bearer || bearerSent ? "The bearer token is missing, invalid or expired"
                    : "The user name or password is wrong";
        }
        if (failure instanceof OAuth2AuthenticationException oauth) {
            header = "Bearer error=\"" + oauth.getError().getErrorCode() + "\"";
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, header);
        write(response, request, HttpStatus.UNAUTHORIZED, detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        write(response, request, HttpStatus.FORBIDDEN, "Your role does not allow this request");
    }

    private void write(HttpServletResponse response, HttpServletRequest request, HttpStatus status, String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        // Same media type as every other problem of the API; JSON is UTF-8 by definition (RFC 8259).
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
