import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes a photo-like JPEG of about the size asked for (default 5 MB): a 4000×3000 gradient with grain, the
 * quality raised until the file is at least that big, as a 12-megapixel phone photo is. Run with the JDK's
 * single-file launcher: java MakePhoto.java OUT [BYTES].
 */
public class MakePhoto {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long target = args.length > 1 ? Long.parseLong(args[1]) : 5L * 1024 * 1024;
        int width = 4000, height = 3000;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 150), width, height, new Color(230, 190, 90)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        Random random = new Random(42);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int grain = random.nextInt(25) - 12;
                int r = clamp(((row[x] >> 16) & 0xFF) + grain), gr = clamp(((row[x] >> 8) & 0xFF) + grain),
                        b = clamp((row[x] & 0xFF) + grain);
                row[x] = (r << 16) | (gr << 8) | b;
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        byte[] bytes = null;
        for (float quality = 0.80f; quality <= 1.0f; quality += 0.02f) {
            bytes = jpeg(image, quality);
            if (bytes.length >= target) {
                break;
            }
        }
        Files.write(out, bytes);
        System.out.println(out + ": " + bytes.length + " bytes, " + width + "x" + height);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static byte[] jpeg(BufferedImage image, float quality) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(Math.min(quality, 1.0f));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(buffer)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        writer.dispose();
        return buffer.toByteArray();
    }
}
