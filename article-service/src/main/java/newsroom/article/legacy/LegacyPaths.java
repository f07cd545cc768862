package newsroom.article.legacy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an old address as a reader's browser asks for it into the key its mapping is stored under, so that the
 * spellings of one page meet: DedeCMS's dynamic pages by their id parameter alone ({@code /plus/view.php?aid=7&pageno=2}
 * is {@code /plus/view.php?aid=7}); every page of a list ({@code list_13_5.html}) and its {@code index.html} lead to
 * the list itself; host, fragment and other query parameters are dropped.
 */
public final class LegacyPaths {

    private static final Pattern DYNAMIC = Pattern.compile("(?i).*/plus/(view|list)\\.php");
    private static final Pattern ID_PARAMETER = Pattern.compile("(?:^|&)(aid|tid|arcID)=(\\d{1,18})(?:&|$)");
    private static final Pattern LIST_PAGE = Pattern.compile("(?i)(.*/)list_(\\d{1,18})_\\d{1,9}\\.html?");
    private static final Pattern INDEX = Pattern.compile("(?i)(.*/)index\\.html?");

    private LegacyPaths() {
    }

    /** The key of a path with its query ({@code /a/news/2022/0107/7.html}), or empty if it cannot be one. */
    public static Optional<String> key(String pathAndQuery) {
        if (pathAndQuery == null || pathAndQuery.isBlank() || pathAndQuery.length() > 1000) {
            return Optional.empty();
        }
        String s = pathAndQuery.strip();
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            int slash = s.indexOf('/', scheme + 3);
            s = slash < 0 ? "/" : s.substring(slash);
        }
        String query = "";
        int q = s.indexOf('?');
        if (q >= 0) {
            query = s.substring(q + 1);
            s = s.substring(0, q);
        }
        s = s.replaceAll("/{2,}", "/");
        if (!s.startsWith("/") || s.contains("/../") || s.endsWith("/..")) {
            return Optional.empty();
        }
        Matcher dynamic = DYNAMIC.matcher(s);
        if (dynamic.matches()) {
            Matcher id = ID_PARAMETER.matcher(query);
            if (!id.find()) {
                return Optional.empty();
            }
            return Optional.of(dynamic.group(1).equalsIgnoreCase("view")
                    ? article(id.group(2)) : list(id.group(2)));
        }
        Matcher listPage = LIST_PAGE.matcher(s);
        if (listPage.matches()) {
            return Optional.of(list(listPage.group(2)));
        }
        Matcher index = INDEX.matcher(s);
        if (index.matches()) {
            return Optional.of(index.group(1));
        }
        return Optional.of(s);
    }

    /** DedeCMS's dynamic article page, which every article has whatever its static file was called. */
    public static String article(String aid) {
        return "/plus/view.php?aid=" + aid;
    }

    /** DedeCMS's dynamic list page of a category: what every {@code list_<tid>_<page>.html} leads to. */
    public static String list(String tid) {
        return "/plus/list.php?tid=" + tid;
    }
}
