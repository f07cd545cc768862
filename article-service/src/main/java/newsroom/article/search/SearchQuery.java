package newsroom.article.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import newsroom.platform.web.ProblemException;

/**
 * What a reader typed, checked and split into parts: words (every word must match, in any field) and quoted
 * phrases (the words in that order). Nothing else is syntax: {@code + - && || ! ( ) { } [ ] ^ ~ * ? : \ /} are
 * searched for literally, which means the analyzer drops them like any punctuation. Empty, over-long or with an odd
 * number of quotes is a 400 naming {@code q}.
 *
 * @param parts words and phrases, in the order typed; may be empty when the text holds no letters or digits at all
 */
public record SearchQuery(String text, List<Part> parts) {

    public static final int MAX_LENGTH = 200;

    /** A run of text: a phrase (typed in quotes) or a word (whitespace-separated). */
    public record Part(String text, boolean phrase) {
    }

    public SearchQuery {
        parts = List.copyOf(parts);
    }

    public static SearchQuery parse(String q) {
        if (q == null || q.isBlank()) {
            throw ProblemException.badRequest("q", "must not be empty");
        }
        // NFKC: full-width letters, digits and quotes (Ｓｕｚｈｏｕ, ＂) are the ASCII ones; control characters go.
        String text = Normalizer.normalize(q, Normalizer.Form.NFKC).replaceAll("\\p{Cntrl}", " ").strip();
        if (text.isEmpty()) {
            throw ProblemException.badRequest("q", "must not be empty");
        }
        if (q.length() > MAX_LENGTH) {
            throw ProblemException.badRequest("q", "must be at most " + MAX_LENGTH + " characters");
        }
        text = text.replace('“', '"').replace('”', '"');
        if (text.chars().filter(c -> c == '"').count() % 2 != 0) {
            throw ProblemException.badRequest("q", "has an unbalanced quote (\"); close the phrase or remove the quote");
        }
        List<Part> parts = new ArrayList<>();
        String[] quoted = text.split("\"", -1);
        for (int i = 0; i < quoted.length; i++) {
            String run = quoted[i].strip();
            if (run.isEmpty()) {
                continue;
            }
            if (i % 2 == 1) {
                parts.add(new Part(run, true));
            } else {
                for (String word : run.split("\\s+")) {
                    parts.add(new Part(word, false));
                }
            }
        }
        return new SearchQuery(text, parts);
    }
}
