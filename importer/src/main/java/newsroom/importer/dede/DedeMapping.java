package newsroom.importer.dede;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How DedeCMS's fields become this system's:
 * <ul>
 *   <li>{@code arctype} → a category: {@code reid} the parent, {@code sortrank} the order, {@code ishidden} hidden,
 *       the slug from the last folder of {@code typedir}; its old list addresses are {@code {typedir}/} and
 *       {@code plus/list.php?tid=N} (every {@code list_N_page.html} leads there too);</li>
 *   <li>{@code arcrank} ≥ 0 → published, dated {@code pubdate}; −1 → in review; −2 (recycle bin) → not imported;
 *       flag {@code h} → headline, {@code c} or {@code a} → recommended; a {@code sortrank} after {@code pubdate}
 *       (DedeCMS's 置顶) → pinned; {@code shorttitle} → subtitle; {@code description} → summary and SEO description;
 *       {@code keywords} split on commas and spaces; {@code litpic} → cover URL; {@code click} → the imported
 *       click baseline;</li>
 *   <li>the article's old addresses: {@code plus/view.php?aid=N}, and its static page by its category's
 *       {@code namerule} ({@code {typedir}/{Y}/{M}{D}/{aid}.html} by default; {@code filename} replaces the file
 *       name), dated by {@code senddate} in the site's time zone, as DedeCMS names them.</li>
 * </ul>
 * Relative links ({@code /uploads/...}) in bodies and covers are made absolute with the old site's URL, when given,
 * so pictures keep loading from where they are (the body sanitizer allows http(s) URLs only).
 */
public final class DedeMapping {

    static final String DEFAULT_NAMERULE = "{typedir}/{Y}/{M}{D}/{aid}.html";
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern CONTROL_BUT_LINES = Pattern.compile("[\\p{Cntrl}&&[^\\r\\n\\t]]");
    private static final Pattern KEYWORD_SEPARATORS = Pattern.compile("[,，;；、\\s]+");
    private static final Pattern RELATIVE_LINK = Pattern.compile("(?i)\\b(src|href)(\\s*=\\s*[\"']?)/(?!/)");
    private static final Pattern HTTP_URL = Pattern.compile("https?://\\S+");

    private final String siteUrl;
    private final String cmspath;
    private final ZoneId zone;

    /**
     * @param siteUrl the old site's address ({@code http://www.example.org}), or null to drop relative links
     * @param cmspath what DedeCMS's {@code {cmspath}} stood for (usually empty)
     * @param zone    the old site's time zone (DedeCMS names files by local date)
     */
    public DedeMapping(String siteUrl, String cmspath, ZoneId zone) {
        this.siteUrl = siteUrl == null || siteUrl.isBlank() ? null : siteUrl.replaceAll("/+$", "");
        this.cmspath = cmspath == null ? "" : cmspath.replaceAll("/+$", "");
        this.zone = zone;
    }

    public CategorySpec category(DedeCategory c) {
        String dir = typedir(c.typedir());
        List<String> listPaths = new ArrayList<>();
        if (dir.length() > 1) {
            listPaths.add(dir + "/");
        }
        listPaths.add("/plus/list.php?tid=" + c.id());
        return new CategorySpec(c.id(), c.parentId(), limit(plain(c.name()), 60), slug(c), c.sortrank(),
                c.hidden(), listPaths);
    }

    static String slug(DedeCategory c) {
        String dir = c.typedir() == null ? "" : c.typedir().replaceAll("/+$", "");
        String last = dir.substring(dir.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String slug = last.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 50) {
            slug = slug.substring(0, 50).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "c" + c.id() : slug;
    }

    /** Why an article is not imported at all, or empty if it is. */
    public Optional<String> exclusion(DedeArticle a) {
        if (a.arcrank() == -2) {
            return Optional.of("in the recycle bin (arcrank -2): not imported");
        }
        if (a.arcrank() < -2) {
            return Optional.of("unknown arcrank (below -2): not imported");
        }
        return Optional.empty();
    }

    public ImportItem article(DedeArticle a, String body, DedeCategory category, String categoryId) {
        Set<String> flags = new LinkedHashSet<>();
        if (a.flag() != null) {
            for (String f : a.flag().split(",")) {
                flags.add(f.strip().toLowerCase(Locale.ROOT));
            }
        }
        String description = a.description() == null ? null
                : CONTROL_BUT_LINES.matcher(a.description()).replaceAll(" ").strip();
        long published = a.pubdate() > 0 ? a.pubdate() : a.senddate();
        return new ImportItem(String.valueOf(a.id()), limit(plain(a.title()), 200),
                limit(plain(a.shorttitle()), 200), limit(description, 1000), absolutize(body),
                limit(plain(a.source()), 100), limit(plain(a.writer()), 100), cover(a.litpic()),
                keywords(a.keywords()), limit(description, 500), categoryId,
                a.arcrank() == -1 ? "IN_REVIEW" : "PUBLISHED",
                published > 0 ? Instant.ofEpochSecond(published) : null,
                flags.contains("h"), flags.contains("c") || flags.contains("a"),
                a.sortrank() > a.pubdate() && a.pubdate() > 0, Math.max(0, a.click()), oldPaths(a, category));
    }

    /** The article's old addresses: the dynamic one always, the static one when its name rule can be followed. */
    List<String> oldPaths(DedeArticle a, DedeCategory category) {
        List<String> paths = new ArrayList<>();
        paths.add("/plus/view.php?aid=" + a.id());
        String rule = category.namerule() == null || category.namerule().isBlank() ? DEFAULT_NAMERULE
                : category.namerule();
        if (a.filename() != null && !a.filename().isBlank()) {
            int slash = rule.lastIndexOf('/');
            rule = (slash >= 0 ? rule.substring(0, slash + 1) : "") + a.filename().strip() + ".html";
        }
        long sent = a.senddate() > 0 ? a.senddate() : a.pubdate();
        ZonedDateTime date = Instant.ofEpochSecond(sent).atZone(zone);
        String path = rule.replace("{typedir}", typedir(category.typedir()))
                .replace("{cmspath}", cmspath)
                .replace("{Y}", String.format("%04d", date.getYear()))
                .replace("{M}", String.format("%02d", date.getMonthValue()))
                .replace("{D}", String.format("%02d", date.getDayOfMonth()))
                .replace("{timestamp}", String.valueOf(sent))
                .replace("{aid}", String.valueOf(a.id()))
                .replaceAll("/{2,}", "/");
        // {pinyin}, {py} and {cc} name files after the title or a hash DedeCMS computed: not followed here.
        if (!path.contains("{") && path.startsWith("/") && path.length() <= 500 && !path.contains(" ")) {
            paths.add(path);
        }
        return paths;
    }

    private String typedir(String typedir) {
        String dir = (typedir == null ? "" : typedir).replace("{cmspath}", cmspath).replaceAll("/+$", "");
        return dir.startsWith("/") ? dir : "/" + dir;
    }

    private String cover(String litpic) {
        if (litpic == null || litpic.isBlank()) {
            return null;
        }
        String url = litpic.strip();
        if (url.startsWith("/") && !url.startsWith("//") && siteUrl != null) {
            url = siteUrl + url;
        }
        return HTTP_URL.matcher(url).matches() && url.length() <= 500 ? url : null;
    }

    private String absolutize(String body) {
        if (body == null || siteUrl == null) {
            return body;
        }
        return RELATIVE_LINK.matcher(body).replaceAll("$1$2" + java.util.regex.Matcher.quoteReplacement(siteUrl)
                + "/");
    }

    private static List<String> keywords(String keywords) {
        if (keywords == null || keywords.isBlank()) {
            return List.of();
        }
        Set<String> result = new LinkedHashSet<>();
        for (String k : KEYWORD_SEPARATORS.split(plain(keywords))) {
            if (!k.isBlank() && k.length() <= 40 && result.size() < 20) {
                result.add(k.strip());
            }
        }
        return List.copyOf(result);
    }

    private static String plain(String s) {
        return s == null ? null : CONTROL.matcher(s).replaceAll(" ").strip();
    }

    private static String limit(String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        if (s.length() <= max) {
            return s;
        }
        // Cut at a character boundary, never inside a surrogate pair.
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
