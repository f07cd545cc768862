package newsroom.portal.site;

/** A link in the breadcrumb or the sidebar; {@code current} marks the page's own category. */
public record Crumb(String name, String url, boolean current) {
}
