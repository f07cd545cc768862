package newsroom.article.media.internal;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Turns uploaded bytes into the variants the library serves: a thumbnail (fits a square box) and a content-width
 * rendition (never enlarged). The type is decided by the bytes ({@link ImageFormat#sniff}); decoding is ImageIO's
 * (WebP through the TwelveMonkeys plugin on the class path). Every variant is re-encoded from pixels, so no EXIF,
 * XMP or IPTC block of the upload — GPS position, camera serial — survives; the EXIF orientation is applied to the
 * pixels first, so phone photos stay upright once it is gone. Images with transparency become PNG, others JPEG.
 * An animated GIF keeps its first frame.
 */
public class ImageProcessor {

    public static final String THUMBNAIL = "thumb";
    public static final String CONTENT = "content";

    private final int thumbnailSize;
    private final int contentWidth;
    private final long maxPixels;

    public ImageProcessor(int thumbnailSize, int contentWidth, long maxPixels) {
        this.thumbnailSize = thumbnailSize;
        this.contentWidth = contentWidth;
        this.maxPixels = maxPixels;
    }

    public ProcessedImage process(byte[] bytes) {
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> ImageFormat.looksLikeSvg(bytes)
                ? ImageRejected.unsupported("SVG images are refused: they can carry scripts; upload PNG instead")
                : ImageRejected.unsupported("not a JPEG, PNG, WebP or GIF image (checked by its content)"));
        ImageFacts facts = facts(bytes);
        BufferedImage upright = upright(decode(bytes, format), facts.orientation());
        boolean alpha = upright.getColorModel().hasAlpha();
        String outputFormat = alpha || format == ImageFormat.PNG || format == ImageFormat.GIF ? "png" : "jpg";
        try {
            BufferedImage content = upright.getWidth() > contentWidth
                    ? Thumbnails.of(upright).width(contentWidth).asBufferedImage()
                    : upright;
            BufferedImage thumbnail = content.getWidth() > thumbnailSize || content.getHeight() > thumbnailSize
                    ? Thumbnails.of(content).size(thumbnailSize, thumbnailSize).asBufferedImage()
                    : content;
            return new ProcessedImage(format, upright.getWidth(), upright.getHeight(), facts.location(), List.of(
                    encode(THUMBNAIL, thumbnail, outputFormat), encode(CONTENT, content, outputFormat)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BufferedImage decode(byte[] bytes, ImageFormat format) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
            if (!readers.hasNext()) {
                throw ImageRejected.unsupported("no decoder for " + format + " is installed");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                // Checked before decoding: a small file can declare a huge canvas (a "decompression bomb").
                if (pixels > maxPixels) {
                    throw ImageRejected.corrupt("the image is " + reader.getWidth(0) + "×" + reader.getHeight(0)
                            + " pixels; at most " + maxPixels / 1_000_000 + " megapixels are accepted", null);
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (ImageRejected e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw ImageRejected.corrupt("the " + format + " image cannot be decoded: " + e.getMessage(), e);
        }
    }

    private record ImageFacts(int orientation, boolean location) {
    }

    /** EXIF orientation and whether a GPS position was present; unreadable metadata is simply absent. */
    private static ImageFacts facts(byte[] bytes) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
            int orientation = 1;
            ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                orientation = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            }
            GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
            return new ImageFacts(orientation, gps != null && gps.getTagCount() > 0);
        } catch (ImageProcessingException | IOException | com.drew.metadata.MetadataException | RuntimeException e) {
            return new ImageFacts(1, false);
        }
    }

    private static BufferedImage upright(BufferedImage image, int orientation) {
        Orientation o = Orientation.typeOf(orientation);
        return o == null || o == Orientation.TOP_LEFT ? image : ExifFilterUtils.getFilterForOrientation(o).apply(image);
    }

    private static Variant encode(String name, BufferedImage image, String outputFormat) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        Thumbnails.Builder<BufferedImage> builder = Thumbnails.of(image).scale(1.0).outputFormat(outputFormat);
        if ("jpg".equals(outputFormat)) {
            builder.outputQuality(0.85f);
        }
        builder.toOutputStream(out);
        return new Variant(name, "jpg".equals(outputFormat) ? "image/jpeg" : "image/png", image.getWidth(),
                image.getHeight(), out.toByteArray());
    }
}
