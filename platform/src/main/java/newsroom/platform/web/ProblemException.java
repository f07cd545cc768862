package newsroom.platform.web;

import org.springframework.http.HttpStatus;

/**
 * A failure the client can act on. Rendered as RFC 9457 problem+json by {@link ProblemDetailsAdvice}, with the
 * offending field (when there is one) in the {@code errors} extension.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    public ProblemException(HttpStatus status, String field, String reason) {
        super(reason);
        this.status = status;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(HttpStatus.NOT_FOUND, null, what + " " + id + " does not exist");
    }

    public static ProblemException conflict(String field, String reason) {
        return new ProblemException(HttpStatus.CONFLICT, field, reason);
    }

    public static ProblemException unprocessable(String field, String reason) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, field, reason);
    }

    public static ProblemException badRequest(String field, String reason) {
        return new ProblemException(HttpStatus.BAD_REQUEST, field, reason);
    }
}
