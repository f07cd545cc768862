package newsroom.platform.web;

/** One entry of a problem's {@code errors} extension: which field, and why it was refused. */
public record FieldError(String field, String reason) {
}
