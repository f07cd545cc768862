package newsroom.article.search.internal;

import java.util.Map;
import newsroom.article.search.SearchDocument;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.sinks.TeeSinkTokenFilter;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/**
 * How a {@link SearchDocument} is laid out in Lucene: which fields are segmented text (and how much each weighs when
 * it matches), which are exact terms for filters, which are doc values for sorting and which are only stored.
 */
final class ArticleFields {

    static final String ID = "id";
    static final String REVISION = "revision";
    static final String TITLE = "title";
    static final String SUMMARY = "summary";
    static final String BODY = "body";
    static final String KEYWORDS = "keywords";
    static final String SOURCE = "source";
    static final String SLUG = "slug";
    static final String CATEGORY_ID = "categoryId";
    static final String CATEGORY_PATH = "categoryPath";
    static final String PUBLISHED_AT = "publishedAt";
    /** Suffix of the field holding every two adjacent words of a text field (数字 经济): see {@link #pairsOf}. */
    private static final String PAIRS = ".pairs";
    /** What separates the two words of a pair term (ShingleFilter's default). */
    static final String PAIR_SEPARATOR = " ";

    /**
     * The searched fields and their weights: a word in the title counts most, then keywords (chosen by the editor),
     * then the summary; body and source weigh least (they are long or incidental).
     */
    static final Map<String, Float> WEIGHTS = Map.of(TITLE, 4f, KEYWORDS, 3f, SUMMARY, 2f, BODY, 1f, SOURCE, 1f);

    /**
     * The fields whose adjacent words are also indexed as pairs, and what a pair weighs: a query's words found next
     * to each other, as typed, add this to the score (a term lookup, where a phrase query would read positions).
     */
    static final Map<String, Float> PAIR_WEIGHTS = Map.of(TITLE, 4f, SUMMARY, 2f, BODY, 1f);

    /** Bump when fields or analysis change: an index written under another layout is rebuilt from the store. */
    static final String LAYOUT_VERSION = "2";

    /** Segmented, with offsets in the postings so the highlighter need not analyse the text again; stored apart. */
    private static final FieldType HIGHLIGHTED_TEXT = new FieldType(TextField.TYPE_NOT_STORED);
    /** Word pairs: only which articles hold them and how often (no positions: a pair is already adjacency). */
    private static final FieldType PAIR_TERMS = new FieldType(TextField.TYPE_NOT_STORED);

    static {
        HIGHLIGHTED_TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        HIGHLIGHTED_TEXT.freeze();
        PAIR_TERMS.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        PAIR_TERMS.freeze();
    }

    /*
     * One analyzer per text field that also gets pairs: a document holds the three token streams at once, and an
     * analyzer hands each thread one reusable stream (the writer's analyzer serves keywords and source meanwhile).
     */
    private static final Map<String, Analyzer> PAIRED_ANALYZERS = Map.of(TITLE, new SmartChineseAnalyzer(),
            SUMMARY, new SmartChineseAnalyzer(), BODY, new SmartChineseAnalyzer());

    private ArticleFields() {
    }

    /** The field of {@code field}'s word pairs. */
    static String pairsOf(String field) {
        return field + PAIRS;
    }

    static Document toLucene(SearchDocument article) {
        Document doc = new Document();
        doc.add(new StringField(ID, article.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(ID, new BytesRef(article.id())));
        doc.add(new NumericDocValuesField(REVISION, article.revision()));
        addPaired(doc, TITLE, nonNull(article.title()));
        addPaired(doc, SUMMARY, nonNull(article.summary()));
        addPaired(doc, BODY, nonNull(article.bodyText()));
        for (String keyword : article.keywords()) {
            doc.add(new TextField(KEYWORDS, keyword, Field.Store.NO));
        }
        doc.add(new TextField(SOURCE, nonNull(article.source()), Field.Store.NO));
        if (article.slug() != null) {
            doc.add(new StoredField(SLUG, article.slug()));
        }
        if (article.categoryId() != null) {
            doc.add(new StoredField(CATEGORY_ID, article.categoryId()));
        }
        for (String category : article.categoryPath()) {
            doc.add(new StringField(CATEGORY_PATH, category, Field.Store.NO));
        }
        long published = article.publishedAt() == null ? 0L : article.publishedAt().toEpochMilli();
        doc.add(new NumericDocValuesField(PUBLISHED_AT, published));
        doc.add(new StoredField(PUBLISHED_AT, published));
        return doc;
    }

    /**
     * The text segmented once (smartcn is most of the cost of indexing) and fed to two fields: the words, and every
     * two adjacent words as one term. The tee caches the words while the writer inverts the first field; the pairs
     * field, added after it, replays them (the writer inverts a document's fields in order).
     */
    private static void addPaired(Document doc, String field, String text) {
        TeeSinkTokenFilter words = new TeeSinkTokenFilter(PAIRED_ANALYZERS.get(field).tokenStream(field, text));
        TokenStream replay = words.newSinkTokenStream();
        ShingleFilter pairs = new ShingleFilter(replay, 2, 2);
        pairs.setOutputUnigrams(false);
        pairs.setTokenSeparator(PAIR_SEPARATOR);
        doc.add(new Field(field, words, HIGHLIGHTED_TEXT));
        doc.add(new StoredField(field, text));
        doc.add(new Field(pairsOf(field), pairs, PAIR_TERMS));
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
