package newsroom.article.search.internal;

import java.util.Map;
import newsroom.article.search.SearchDocument;
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

    /**
     * The searched fields and their weights: a word in the title counts most, then keywords (chosen by the editor),
     * then the summary; body and source weigh least (they are long or incidental).
     */
    static final Map<String, Float> WEIGHTS = Map.of(TITLE, 4f, KEYWORDS, 3f, SUMMARY, 2f, BODY, 1f, SOURCE, 1f);

    /** Bump when fields or analysis change: an index written under another layout is rebuilt from the store. */
    static final String LAYOUT_VERSION = "1";

    /** Segmented, stored, with offsets in the postings so the highlighter need not analyse the text again. */
    private static final FieldType HIGHLIGHTED_TEXT = new FieldType(TextField.TYPE_STORED);

    static {
        HIGHLIGHTED_TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        HIGHLIGHTED_TEXT.freeze();
    }

    private ArticleFields() {
    }

    static Document toLucene(SearchDocument article) {
        Document doc = new Document();
        doc.add(new StringField(ID, article.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(ID, new BytesRef(article.id())));
        doc.add(new NumericDocValuesField(REVISION, article.revision()));
        doc.add(new Field(TITLE, nonNull(article.title()), HIGHLIGHTED_TEXT));
        doc.add(new Field(SUMMARY, nonNull(article.summary()), HIGHLIGHTED_TEXT));
        doc.add(new Field(BODY, nonNull(article.bodyText()), HIGHLIGHTED_TEXT));
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

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
