package newsroom.article.desk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import newsroom.article.editorial.ArticleStatus;
import newsroom.platform.web.ProblemException;

/**
 * A request for one page of the desk, checked: every parameter arrives as text and a bad one is a 400 problem naming
 * it, never a 500.
 *
 * @param statuses  empty: every state
 * @param category  a category id: the article is in it or below it
 * @param author    the account that created the article ({@code createdBy})
 * @param text      the search box, folded: the article's id, or words (split at spaces) that all appear in its title
 * @param words     {@code text} split at spaces
 * @param after     where the previous page ended; null for the first page
 */
record DeskQuery(Set<ArticleStatus> statuses, String category, String author, String text, String[] words,
        Sort sort, int size, DeskEntry after) {

    static final int MAX_SIZE = 100;
    static final int MAX_TEXT = 200;

    enum Sort { UPDATED, VIEWS }

    boolean matches(DeskEntry e) {
        return (statuses.isEmpty() || statuses.contains(e.status()))
                && (category == null || e.inCategory(category))
                && (author == null || author.equals(e.createdBy()))
                && (text == null || text.equals(e.id()) || inTitle(e.titleKey()));
    }

    private boolean inTitle(String titleKey) {
        for (String word : words) {
            if (!titleKey.contains(word)) {
                return false;
            }
        }
        return true;
    }

    static DeskQuery parse(List<String> status, String category, String author, String q, String sort,
            String size, String cursor) {
        Sort order = sort(sort);
        String text = text(q);
        return new DeskQuery(statuses(status), id("category", category), id("author", author), text,
                text == null ? new String[0] : text.split("\\s+"), order,
                size(size), cursor == null || cursor.isBlank() ? null : decode(cursor.strip(), order));
    }

    /** The cursor after {@code last}: its sort fields, so the next page starts right after it whatever changed. */
    static String cursorAfter(DeskEntry last, Sort sort) {
        String raw = sort == Sort.VIEWS ? "v:" + last.views() + ":" + last.updatedAt() + ":" + last.id()
                : "u:" + last.updatedAt() + ":" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static DeskEntry decode(String cursor, Sort sort) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw badCursor();
        }
        String[] parts = raw.split(":", -1);
        try {
            if (sort == Sort.VIEWS && parts.length == 4 && parts[0].equals("v") && !parts[3].isEmpty()) {
                return DeskEntry.probe(Long.parseLong(parts[2]), parts[3], Long.parseLong(parts[1]));
            }
            if (sort == Sort.UPDATED && parts.length == 3 && parts[0].equals("u") && !parts[2].isEmpty()) {
                return DeskEntry.probe(Long.parseLong(parts[1]), parts[2], 0);
            }
        } catch (NumberFormatException e) {
            throw badCursor();
        }
        throw badCursor();
    }

    private static ProblemException badCursor() {
        return ProblemException.badRequest("cursor",
                "is not a cursor of this list: pass the nextCursor of the previous page, with the same sort");
    }

    private static Sort sort(String sort) {
        if (sort == null || sort.isBlank()) {
            return Sort.UPDATED;
        }
        try {
            return Sort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("sort", "must be updated or views");
        }
    }

    private static Set<ArticleStatus> statuses(List<String> values) {
        Set<ArticleStatus> result = EnumSet.noneOf(ArticleStatus.class);
        if (values == null) {
            return result;
        }
        for (String value : values) {
            for (String name : value.split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    result.add(ArticleStatus.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest("status", "must be one of "
                            + Arrays.stream(ArticleStatus.values()).map(Enum::name).collect(Collectors.joining(", "))
                            + " (comma-separated or repeated)");
                }
            }
        }
        return result;
    }

    private static String id(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > 64 || v.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest(name, "must be at most 64 characters, without control characters");
        }
        return v;
    }

    private static String text(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        if (q.length() > MAX_TEXT) {
            throw ProblemException.badRequest("q", "must be at most " + MAX_TEXT + " characters");
        }
        return DeskEntry.fold(q.strip());
    }

    private static int size(String size) {
        if (size == null || size.isBlank()) {
            return 20;
        }
        try {
            int n = Integer.parseInt(size.strip());
            if (n >= 1 && n <= MAX_SIZE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("size", "must be a whole number from 1 to " + MAX_SIZE);
    }
}
