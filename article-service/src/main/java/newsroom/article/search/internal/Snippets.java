package newsroom.article.search.internal;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * The {@code highlight} of each hit: the best passages of the body (else the summary, else the title) with the
 * matched words in {@code <mark>}. The text is HTML-escaped first and the marks added after, so whatever an article
 * contains — even text that looks like markup — reaches a page as text; {@code <mark>} is the only tag.
 */
final class Snippets {

    private static final String[] FIELDS = {ArticleFields.BODY, ArticleFields.SUMMARY, ArticleFields.TITLE};
    private static final int[] PASSAGES = {2, 1, 1};
    /** Without a match anywhere highlightable (a hit on keywords or source): the summary's start, escaped. */
    private static final int PLAIN_LENGTH = 120;

    private final Analyzer analyzer;
    private final EscapingFormatter formatter = new EscapingFormatter();

    Snippets(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** One snippet per hit of {@code top}, in its order. */
    String[] of(IndexSearcher searcher, Query query, TopDocs top, String[] summaries) throws IOException {
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(formatter)
                .withMaxLength(50_000)
                // A field without a match gives nothing (not its first sentence): the next field is tried instead.
                .withMaxNoHighlightPassages(0)
                // Sentences (。！？ end them) close to 80 characters around the match: a snippet, not a paragraph.
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getSentenceInstance(Locale.CHINA), 80, 0.5f))
                .build();
        Map<String, String[]> byField = highlighter.highlightFields(FIELDS, query, top, PASSAGES);
        String[] snippets = new String[top.scoreDocs.length];
        for (int i = 0; i < snippets.length; i++) {
            for (String field : FIELDS) {
                String snippet = byField.get(field)[i];
                if (snippet != null && !snippet.isBlank()) {
                    snippets[i] = snippet;
                    break;
                }
            }
            if (snippets[i] == null) {
                String summary = summaries[i] == null ? "" : summaries[i];
                snippets[i] = formatter.escape(summary.length() > PLAIN_LENGTH
                        ? summary.substring(0, PLAIN_LENGTH) + "…" : summary);
            }
        }
        return snippets;
    }

    /** Lucene's formatter with escaping on; its escaping is also used for the unhighlighted fallback. */
    private static final class EscapingFormatter extends DefaultPassageFormatter {

        EscapingFormatter() {
            super("<mark>", "</mark>", "… ", true);
        }

        String escape(String text) {
            StringBuilder escaped = new StringBuilder(text.length() + 16);
            append(escaped, text, 0, text.length());
            return escaped.toString();
        }
    }
}
