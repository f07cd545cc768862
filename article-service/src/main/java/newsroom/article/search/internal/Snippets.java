package newsroom.article.search.internal;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Arrays;
import java.util.Locale;
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
 *
 * <p>What it costs (docs/search.md): the body is highlighted for every hit, the summary only for hits whose body has
 * no match, the title only for hits with neither. Matches come from the field's own postings (offsets are indexed),
 * term by term — not from {@code Weight.matches}, the highlighter's default, which builds the whole query's weight for
 * every hit and field and walks every clause of every field (most of a slow search's highlighting time).
 */
final class Snippets {

    private static final String[] FIELDS = {ArticleFields.BODY, ArticleFields.SUMMARY, ArticleFields.TITLE};
    private static final int[] PASSAGES = {2, 1, 1};
    /** Without a match anywhere highlightable (a hit on keywords or source): the summary's start, escaped. */
    private static final int PLAIN_LENGTH = 120;
    private static final String MARK = "<mark>";
    private static final String UNMARK = "</mark>";

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
                // Offsets of the field's query terms from its postings; quoted parts stay strict phrases (spans).
                .withWeightMatches(false)
                // A field without a match gives nothing (not its first sentence): the next field is tried instead.
                .withMaxNoHighlightPassages(0)
                // Sentences (。！？ end them) close to 80 characters around the match: a snippet, not a paragraph.
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getSentenceInstance(Locale.CHINA), 80, 0.5f))
                .build();
        String[] snippets = new String[top.scoreDocs.length];
        int[] docs = new int[snippets.length];
        int[] hits = new int[snippets.length];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = top.scoreDocs[i].doc;
            hits[i] = i;
        }
        // Field by field, each for the hits still without a snippet.
        for (int f = 0; f < FIELDS.length && docs.length > 0; f++) {
            String[] found = highlighter.highlightFields(new String[] {FIELDS[f]}, query, docs, new int[] {PASSAGES[f]})
                    .get(FIELDS[f]);
            int left = 0;
            for (int k = 0; k < docs.length; k++) {
                if (found[k] != null && !found[k].isBlank()) {
                    snippets[hits[k]] = joinAdjacentMarks(found[k]);
                } else {
                    docs[left] = docs[k];
                    hits[left++] = hits[k];
                }
            }
            docs = Arrays.copyOf(docs, left);
            hits = Arrays.copyOf(hits, left);
        }
        for (int hit : hits) {
            String summary = summaries[hit] == null ? "" : summaries[hit];
            snippets[hit] = formatter.escape(summary.length() > PLAIN_LENGTH
                    ? summary.substring(0, PLAIN_LENGTH) + "…" : summary);
        }
        return snippets;
    }

    /**
     * 数字经济 is two words to the index, so two matches: one mark over the compound, as a reader sees it. The text
     * between tags is escaped, so a {@code </mark><mark>} can only be two of the formatter's own marks touching.
     */
    private static String joinAdjacentMarks(String snippet) {
        return snippet.replace(UNMARK + MARK, "");
    }

    /** Lucene's formatter with escaping on; its escaping is also used for the unhighlighted fallback. */
    private static final class EscapingFormatter extends DefaultPassageFormatter {

        EscapingFormatter() {
            super(MARK, UNMARK, "… ", true);
        }

        String escape(String text) {
            StringBuilder escaped = new StringBuilder(text.length() + 16);
            append(escaped, text, 0, text.length());
            return escaped.toString();
        }
    }
}
