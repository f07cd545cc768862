package newsroom.article.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import newsroom.article.search.SearchQuery;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns a {@link SearchQuery} into a Lucene query without Lucene's query syntax (so nothing a reader types can be an
 * operator or fail to parse). Each part is segmented by the same analyzer as the index: 数字经济 becomes 数字 + 经济.
 * Every word must match in some field; its score is the sum over the fields it is in, each weighted by
 * {@link ArticleFields#WEIGHTS} (a word in title and body beats one in the title alone). The words of one part next to
 * each other, as typed, add to the score through the word-pair fields, so 数字经济 as a compound ranks above 数字 … 经济
 * apart. A quoted part must match as a phrase.
 *
 * <p>Only sums of term queries, so Lucene can skip blocks of articles that cannot reach the page (block-max WAND):
 * a common word matches tens of thousands of articles, and scoring each was the cost of a search.
 */
final class QueryBuilder {

    /** Enough for any real query; keeps a 200-character query far below Lucene's clause limit. */
    static final int MAX_TERMS = 32;

    private final Analyzer analyzer;

    QueryBuilder(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** The query, or null when the text holds nothing searchable (only punctuation, say). */
    Query build(SearchQuery query, String categoryId) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        Set<String> seen = new LinkedHashSet<>();
        Set<String> pairs = new HashSet<>();
        boolean any = false;
        for (SearchQuery.Part part : query.parts()) {
            List<String> tokens = tokens(part.text());
            if (tokens.isEmpty() || seen.size() >= MAX_TERMS) {
                continue;
            }
            any = true;
            if (part.phrase() && tokens.size() > 1) {
                all.add(anyField(field -> new PhraseQuery(field, tokens.toArray(String[]::new))), Occur.MUST);
                continue;
            }
            for (String token : tokens) {
                if (seen.add(token)) {
                    all.add(anyField(field -> new TermQuery(new Term(field, token))), Occur.MUST);
                }
            }
            for (int i = 1; i < tokens.size(); i++) {
                String pair = tokens.get(i - 1) + ArticleFields.PAIR_SEPARATOR + tokens.get(i);
                if (pairs.add(pair)) {
                    all.add(sumOver(ArticleFields.PAIR_WEIGHTS,
                            field -> new TermQuery(new Term(ArticleFields.pairsOf(field), pair))), Occur.SHOULD);
                }
            }
        }
        if (!any) {
            return null;
        }
        if (categoryId != null) {
            all.add(new TermQuery(new Term(ArticleFields.CATEGORY_PATH, categoryId)), Occur.FILTER);
        }
        return all.build();
    }

    private static Query anyField(Function<String, Query> perField) {
        return sumOver(ArticleFields.WEIGHTS, perField);
    }

    private static Query sumOver(Map<String, Float> weights, Function<String, Query> perField) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (Map.Entry<String, Float> field : weights.entrySet()) {
            any.add(new BoostQuery(perField.apply(field.getKey()), field.getValue()), Occur.SHOULD);
        }
        return any.build();
    }

    List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(ArticleFields.BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && tokens.size() < MAX_TERMS) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }
}
