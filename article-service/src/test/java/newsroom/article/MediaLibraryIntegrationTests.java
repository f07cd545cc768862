package newsroom.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.GpsDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The media library on the embedded store: uploads become a thumbnail and a content-width variant in GridFS
 * without the upload's location; bad uploads are refused with problems and leave nothing behind; only editors
 * delete, and only images no article uses.
 */
class MediaLibraryIntegrationTests extends ArticleServiceIntegrationTest {

    static final String CATEGORY = "9960";

    @Autowired
    MongoTemplate mongo;

    @Autowired
    GridFsTemplate gridFs;

    static ResponseEntity<JsonNode> upload(RestClient as, String filename, byte[] bytes) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return filename;
            }
        });
        return as.post().uri("/api/media").contentType(MediaType.MULTIPART_FORM_DATA).body(parts)
                .retrieve().toEntity(JsonNode.class);
    }

    @Test
    void aWritersPhotoBecomesCacheableVariantsWithoutItsLocation() throws Exception {
        byte[] photo = TestImages.jpegWithLocation(2400, 1600);
        assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo))
                .getFirstDirectoryOfType(GpsDirectory.class)).as("the upload carries a location").isNotNull();

        ResponseEntity<JsonNode> created = upload(Newsroom.writer(port), "园区.jpg", photo);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode media = created.getBody();
        assertThat(media.get("format").asString()).isEqualTo("JPEG");
        assertThat(media.get("width").asInt()).isEqualTo(2400);
        assertThat(media.get("locationRemoved").asBoolean()).isTrue();
        assertThat(media.get("uploadedBy").asString()).isEqualTo("writer");
        String id = media.get("id").asString();
        assertThat(media.get("url").asString()).isEqualTo("/media/" + id + "/content");
        assertThat(media.at("/variants/content/width").asInt()).isEqualTo(1200);
        assertThat(media.at("/variants/content/height").asInt()).isEqualTo(800);
        assertThat(media.at("/variants/thumb/width").asInt()).isEqualTo(320);

        for (String variant : new String[] {"content", "thumb"}) {
            ResponseEntity<byte[]> image = anyone.get().uri("/media/{id}/{v}", id, variant).retrieve()
                    .toEntity(byte[].class);
            assertThat(image.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(image.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_JPEG);
            assertThat(image.getHeaders().getCacheControl()).contains("max-age=31536000").contains("immutable");
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(image.getBody()));
            assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).as(variant + " has no location")
                    .isNull();
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.getBody()));
            assertThat(decoded.getWidth()).isEqualTo(media.at("/variants/" + variant + "/width").asInt());

            String etag = image.getHeaders().getETag();
            assertThat(etag).isNotBlank();
            assertThat(anyone.get().uri("/media/{id}/{v}", id, variant).header("If-None-Match", etag).retrieve()
                    .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        }
        assertThat(gridFs.find(Query.query(org.springframework.data.mongodb.core.query.Criteria
                .where("metadata.mediaId").is(id))).into(new java.util.ArrayList<>())).hasSize(2);
        assertThat(anyone.get().uri("/media/{id}/original", id).retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void pngGifAndWebpAreTakenAndTransparencyStaysPng() {
        RestClient writer = Newsroom.writer(port);
        ResponseEntity<JsonNode> png = upload(writer, "logo.png",
                TestImages.encode(TestImages.picture(640, 200, BufferedImage.TYPE_INT_ARGB), "png"));
        assertThat(png.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(png.getBody().at("/variants/content/mediaType").asString()).isEqualTo("image/png");
        assertThat(png.getBody().at("/variants/content/width").asInt()).as("never enlarged").isEqualTo(640);

        ResponseEntity<JsonNode> gif = upload(writer, "chart.gif",
                TestImages.encode(TestImages.picture(300, 300, BufferedImage.TYPE_INT_RGB), "gif"));
        assertThat(gif.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(gif.getBody().get("format").asString()).isEqualTo("GIF");

        ResponseEntity<JsonNode> webp = upload(writer, "tiny.webp", TestImages.WEBP);
        assertThat(webp.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(webp.getBody().get("format").asString()).isEqualTo("WEBP");
        assertThat(webp.getBody().get("width").asInt()).isEqualTo(1);
    }

    @Test
    void badUploadsAreProblemsAndLeaveNothingStored() {
        RestClient writer = Newsroom.writer(port);
        long items = mongo.count(new Query(), "media");
        long files = gridFs.find(new Query()).into(new java.util.ArrayList<>()).size();

        byte[] svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes();
        byte[] text = "这不是图片".getBytes();
        byte[] corrupt = new byte[4096];
        Arrays.fill(corrupt, (byte) 0x5A);
        corrupt[0] = (byte) 0xFF;
        corrupt[1] = (byte) 0xD8;
        corrupt[2] = (byte) 0xFF;
        byte[] oversized = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(TestImages.encode(TestImages.picture(10, 10, BufferedImage.TYPE_INT_RGB), "jpg"), 0,
                oversized, 0, 100);

        Map<String, HttpStatus> expected = Map.of("evil.svg", HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "text.jpg", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "broken.jpg", HttpStatus.UNPROCESSABLE_CONTENT,
                "huge.jpg", HttpStatus.CONTENT_TOO_LARGE);
        Map<String, byte[]> bodies = Map.of("evil.svg", svg, "text.jpg", text, "broken.jpg", corrupt,
                "huge.jpg", oversized);
        expected.forEach((name, status) -> {
            ResponseEntity<JsonNode> answer = upload(writer, name, bodies.get(name));
            assertThat(answer.getStatusCode()).as(name).isEqualTo(status);
            assertThat(answer.getHeaders().getContentType()).as(name).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.getBody().get("status").asInt()).as(name).isEqualTo(status.value());
        });
        assertThat(upload(writer, "evil.svg", svg).getBody().get("detail").asString()).contains("SVG");
        assertThat(upload(anyone, "photo.jpg", TestImages.jpegWithLocation(40, 30)).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(mongo.count(new Query(), "media")).isEqualTo(items);
        assertThat(gridFs.find(new Query()).into(new java.util.ArrayList<>())).hasSize((int) files);
    }

    @Test
    void editorsDeleteOnlyImagesNoArticleUses() {
        Newsroom.category(replica, CATEGORY, "图片", CATEGORY);
        RestClient writer = Newsroom.writer(port);
        String used = upload(writer, "used.jpg", TestImages.jpegWithLocation(800, 600)).getBody().get("id")
                .asString();
        String unused = upload(writer, "unused.jpg", TestImages.jpegWithLocation(800, 600)).getBody().get("id")
                .asString();
        String body = "<p>图</p><figure><img src=\"/media/" + used + "/content\" alt=\"园区\"><figcaption>园区</figcaption>"
                + "</figure>";
        String article = Newsroom.createId(writer, Newsroom.draft(CATEGORY, Map.of("body", body)));
        assertThat(Newsroom.get(editor, article).getBody().get("body").asString())
                .as("the library URL survives the body's cleaning").contains("src=\"/media/" + used + "/content\"");

        assertThat(writer.delete().uri("/api/media/{id}", unused).retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> inUse = editor.delete().uri("/api/media/{id}", used).retrieve()
                .toEntity(JsonNode.class);
        assertThat(inUse.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(inUse.getBody().get("detail").asString()).contains(article);

        assertThat(editor.delete().uri("/api/media/{id}", unused).retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(anyone.get().uri("/media/{id}/content", unused).retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(gridFs.find(Query.query(org.springframework.data.mongodb.core.query.Criteria
                .where("metadata.mediaId").is(unused))).into(new java.util.ArrayList<>())).isEmpty();
        assertThat(anyone.get().uri("/media/{id}/content", used).retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void uploadAndListAreInTheOpenApiDocument() {
        JsonNode api = anyone.get().uri("/v3/api-docs").retrieve().body(JsonNode.class);
        assertThat(api.at("/paths/~1api~1media/post/requestBody/content").has("multipart/form-data")).isTrue();
        assertThat(api.at("/paths/~1api~1media/get").isMissingNode()).isFalse();
        assertThat(api.at("/paths/~1api~1media~1{id}/delete").isMissingNode()).isFalse();

        upload(Newsroom.writer(port), "list.png",
                TestImages.encode(TestImages.picture(50, 50, BufferedImage.TYPE_INT_RGB), "png"));
        JsonNode list = Newsroom.writer(port).get().uri("/api/media?size=5").retrieve().body(JsonNode.class);
        assertThat(list.get("items").size()).isBetween(1, 5);
        assertThat(list.get("items").get(0).get("thumbnailUrl").asString()).startsWith("/media/");
    }
}
