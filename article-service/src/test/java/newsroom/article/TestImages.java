package newsroom.article;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Images made in the test, so the tests need no binary fixtures: a JPEG with a GPS position, PNG, GIF, WebP. */
final class TestImages {

    /** A 1×1 lossless WebP (the smallest valid one; ImageIO cannot write WebP). */
    static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private TestImages() {
    }

    static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 160), width, height, new Color(240, 200, 60)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG carrying an EXIF block with a GPS position (N 31°18', E 120°37': Suzhou) right after its SOI marker. */
    static byte[] jpegWithLocation(int width, int height) {
        byte[] jpeg = encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpg");
        byte[] exif = exifWithGps();
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + exif.length + 4);
        out.put(jpeg, 0, 2); // SOI
        out.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (exif.length + 2));
        out.put(exif);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** "Exif\0\0" + a big-endian TIFF: IFD0 with a GPS IFD pointer; the GPS IFD with latitude and longitude. */
    private static byte[] exifWithGps() {
        ByteBuffer tiff = ByteBuffer.allocate(200);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        // IFD0 at 8: one entry, GPSInfo (0x8825, LONG) -> 26
        tiff.putShort((short) 1).putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26).putInt(0);
        // GPS IFD at 26: four entries; rationals stored from 80
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(80);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] {'E', 0, 0, 0});
        tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(104);
        tiff.putInt(0);
        tiff.position(80);
        tiff.putInt(31).putInt(1).putInt(18).putInt(1).putInt(0).putInt(1);
        tiff.putInt(120).putInt(1).putInt(37).putInt(1).putInt(0).putInt(1);
        byte[] header = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer exif = ByteBuffer.allocate(header.length + tiff.position());
        exif.put(header).put(tiff.array(), 0, tiff.position());
        return exif.array();
    }
}
