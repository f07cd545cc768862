package newsroom.article.media;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import newsroom.article.editorial.Article;
import newsroom.article.editorial.Caller;
import newsroom.article.media.internal.ImageProcessor;
import newsroom.article.media.internal.ImageRejected;
import newsroom.article.media.internal.ProcessedImage;
import newsroom.article.media.internal.Variant;
import newsroom.platform.mongo.SequenceGenerator;
import newsroom.platform.web.ProblemException;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

/**
 * The image library: stores uploads' variants in GridFS (on a replica set as on the embedded store) and their
 * {@link MediaItem} in {@code media}, serves variant bytes from a bounded in-memory cache (variants never change,
 * so the cache is never stale), and deletes images no article uses.
 *
 * <p>Nothing is half-stored: the variants are written first and the item last; if anything fails in between, the
 * files already written are removed before the error is answered, and {@link #sweep} removes what a crash left.
 */
@Service
public class MediaLibrary {

    private static final Logger log = LoggerFactory.getLogger(MediaLibrary.class);
    private static final Duration ORPHAN_AGE = Duration.ofMinutes(10);

    private final MongoTemplate mongo;
    private final GridFsTemplate files;
    private final SequenceGenerator ids;
    private final ImageProcessor processor;
    private final Clock clock;
    private final long maxBytes;
    private final Cache<String, VariantContent> cache;
    private final Timer uploads;

    MediaLibrary(MongoTemplate mongo, GridFsTemplate files, SequenceGenerator ids, MediaProperties properties,
            Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.files = files;
        this.ids = ids;
        this.clock = clock;
        this.maxBytes = properties.getMaxUploadSize().toBytes();
        this.processor = new ImageProcessor(properties.getThumbnailSize(), properties.getContentWidth(),
                properties.getMaxMegapixels() * 1_000_000L);
        this.cache = Caffeine.newBuilder()
                .maximumWeight(properties.getCacheSize().toBytes())
                .weigher((String key, VariantContent v) -> v.bytes().length)
                .build();
        this.uploads = Timer.builder("newsroom.media.upload")
                .description("From the uploaded bytes to every variant stored")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    /** The bytes of one variant, with what the HTTP answer needs. */
    public record VariantContent(String mediaType, String etag, byte[] bytes) {
    }

    public MediaItem upload(String filename, byte[] bytes, Caller caller) {
        if (bytes.length == 0) {
            throw ProblemException.badRequest("file", "the file is empty");
        }
        if (bytes.length > maxBytes) {
            throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "file",
                    "the image is " + bytes.length + " bytes; at most " + DataSize.ofBytes(maxBytes).toMegabytes()
                            + " MB are accepted");
        }
        return uploads.record(() -> store(filename, bytes, caller));
    }

    private MediaItem store(String filename, byte[] bytes, Caller caller) {
        ProcessedImage image;
        try {
            image = processor.process(bytes);
        } catch (ImageRejected e) {
            throw new ProblemException(e.unsupported() ? HttpStatus.UNSUPPORTED_MEDIA_TYPE
                    : HttpStatus.UNPROCESSABLE_CONTENT, "file", e.getMessage());
        }
        String id = ids.next("media");
        List<ObjectId> written = new ArrayList<>();
        try {
            List<MediaItem.StoredVariant> variants = new ArrayList<>();
            for (Variant v : image.variants()) {
                Document metadata = new Document("mediaId", id).append("variant", v.name());
                ObjectId fileId = files.store(new ByteArrayInputStream(v.bytes()), id + "/" + v.name(),
                        v.mediaType(), metadata);
                written.add(fileId);
                variants.add(new MediaItem.StoredVariant(v.name(), fileId.toHexString(), v.mediaType(), v.width(),
                        v.height(), v.bytes().length, etag(v.bytes())));
                cache.put(key(id, v.name()), new VariantContent(v.mediaType(), etag(v.bytes()), v.bytes()));
            }
            MediaItem item = new MediaItem(id, safeName(filename), image.format().name(), image.width(),
                    image.height(), bytes.length, image.locationRemoved(), caller.username(), clock.instant(),
                    List.copyOf(variants));
            return mongo.insert(item);
        } catch (RuntimeException e) {
            image.variants().forEach(v -> cache.invalidate(key(id, v.name())));
            written.forEach(fileId -> files.delete(Query.query(where("_id").is(fileId))));
            throw e;
        }
    }

    public record Page(List<MediaItem> items, int page, int size, long total) {
    }

    /** Newest first. */
    public Page list(int page, int size) {
        Query query = new Query();
        long total = mongo.count(query, MediaItem.class);
        query.with(Sort.by(Sort.Order.desc("uploadedAt"), Sort.Order.desc("_id"))).skip((long) page * size)
                .limit(size);
        return new Page(mongo.find(query, MediaItem.class), page, size, total);
    }

    public MediaItem get(String id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("Image", id));
    }

    private Optional<MediaItem> find(String id) {
        return Optional.ofNullable(mongo.findById(id, MediaItem.class));
    }

    /** A variant's bytes: from memory when served before, else from GridFS (once, then kept). */
    public Optional<VariantContent> content(String id, String variant) {
        VariantContent cached = cache.getIfPresent(key(id, variant));
        if (cached != null) {
            return Optional.of(cached);
        }
        return find(id).flatMap(item -> item.variant(variant)).map(v -> {
            VariantContent loaded = new VariantContent(v.mediaType(), v.etag(), read(v.fileId()));
            cache.put(key(id, variant), loaded);
            return loaded;
        });
    }

    private byte[] read(String fileId) {
        var file = files.findOne(Query.query(where("_id").is(new ObjectId(fileId))));
        try (InputStream in = files.getResource(file).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes an image no article's body or cover uses (editors only; used: 409 naming the articles). The item
     * goes first, so the image is gone for everyone at once; its files follow.
     */
    public void delete(String id, Caller caller) {
        if (!caller.isEditor()) {
            throw new ProblemException(HttpStatus.FORBIDDEN, null, "only editors may delete images");
        }
        MediaItem item = get(id);
        List<String> users = articlesUsing(id);
        if (!users.isEmpty()) {
            throw ProblemException.conflict("id", "image " + id + " is used by article(s) " + String.join(", ", users)
                    + "; remove it from them first");
        }
        mongo.remove(Query.query(where("_id").is(id)), MediaItem.class);
        item.variants().forEach(v -> {
            cache.invalidate(key(id, v.name()));
            files.delete(Query.query(where("_id").is(new ObjectId(v.fileId()))));
        });
    }

    /** Articles whose current body or cover image points at the image (by its path; variants share the prefix). */
    List<String> articlesUsing(String id) {
        Pattern path = Pattern.compile(Pattern.quote("/media/" + id + "/"));
        Query query = Query.query(new Criteria().orOperator(where("body").regex(path),
                where("coverImageUrl").regex(path)));
        query.fields().include("_id");
        query.limit(20);
        return mongo.find(query, Article.class).stream().map(Article::getId).toList();
    }

    /** Removes variant files of uploads that never got their item (a crash between the two writes). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void sweep() {
        Query old = Query.query(where("uploadDate").lt(java.util.Date.from(clock.instant().minus(ORPHAN_AGE))));
        files.find(old).forEach(file -> {
            Document metadata = file.getMetadata();
            String mediaId = metadata == null ? null : metadata.getString("mediaId");
            if (mediaId != null && find(mediaId).isEmpty()) {
                log.info("Removing variant file {} of an upload that never completed", file.getFilename());
                files.delete(Query.query(where("_id").is(file.getObjectId())));
            }
        });
    }

    private static String key(String id, String variant) {
        return id + "/" + variant;
    }

    private static String safeName(String filename) {
        if (filename == null || filename.isBlank()) {
            return null;
        }
        String base = filename.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).strip();
        return base.length() > 200 ? base.substring(0, 200) : base;
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
