package newsroom.portal.site;

/** An article in a list: related articles, category listings, home page blocks. */
public record Teaser(String title, String url, String date, String summary, boolean pinned, boolean headline) {
}
