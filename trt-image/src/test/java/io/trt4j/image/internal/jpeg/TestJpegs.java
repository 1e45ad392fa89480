package io.trt4j.image.internal.jpeg;

import io.trt4j.image.Fixtures;
import io.trt4j.image.ImageDecoder;
import io.trt4j.image.RgbImage;
import io.trt4j.image.internal.JdkJpegFlavor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Test JPEGs: real fixture pixels re-encoded with the JDK's JPEG writer at a chosen quality, chroma sampling, restart
 * interval and size, and the reference decode (today's javax.imageio path of {@link ImageDecoder}).
 */
public final class TestJpegs {
    /** The JDK-path decoder every Java decode is compared with: javax.imageio only, no Exif rotation. */
    public static final ImageDecoder IMAGE_IO = ImageDecoder.builder().javaJpeg(false).exifOrientation(false).build();

    private TestJpegs() {
    }

    static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Fixtures.image(name));
    }

    static RgbImage reference(byte[] jpeg) throws IOException {
        return IMAGE_IO.decode(jpeg, "reference");
    }

    static RgbImage javaDecode(byte[] jpeg, int denominator) throws Exception {
        return JpegDecoder.decode(jpeg, JpegDecoder.readHeader(jpeg), denominator,
                JdkJpegFlavor.fancyH1v2().orElseThrow());
    }

    /** The Java decoder at scale {@code scaleNum / 8}, with the JDK's 4:4:0 upsampling. */
    static RgbImage javaDecodeScaled(byte[] jpeg, int scaleNum) throws Exception {
        return JpegDecoder.decodeScaled(jpeg, JpegDecoder.readHeader(jpeg), scaleNum,
                JdkJpegFlavor.fancyH1v2().orElseThrow());
    }

    /** A {@code w x h} crop at (x, y) of a fixture, as TYPE_3BYTE_BGR (or TYPE_BYTE_GRAY when {@code gray}). */
    public static BufferedImage crop(String fixture, int x, int y, int w, int h, boolean gray) throws IOException {
        RgbImage src = IMAGE_IO.decode(fixture(fixture), fixture);
        BufferedImage img = new BufferedImage(w, h, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int sx = Math.min(x + i, src.width() - 1);
                int sy = Math.min(y + j, src.height() - 1);
                int rgb = (src.get(sx, sy, 0) << 16) | (src.get(sx, sy, 1) << 8) | src.get(sx, sy, 2);
                if (gray) {
                    img.getRaster().setSample(i, j, 0, (src.get(sx, sy, 0) * 3 + src.get(sx, sy, 1) * 5
                            + src.get(sx, sy, 2) * 2) / 10);
                } else {
                    img.setRGB(i, j, rgb);
                }
            }
        }
        return img;
    }

    /**
     * Blocky high-contrast noise: random 1..4 pixel wide runs of random colours (or gray levels) near 0 and 255 mixed
     * with mid tones, TYPE_3BYTE_BGR (or TYPE_BYTE_GRAY when {@code gray}).
     */
    public static BufferedImage noise(int w, int h, boolean gray, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        BufferedImage img = new BufferedImage(w, h, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        int[] levels = {0, 0, 255, 255, 128, 30, 225};
        for (int j = 0; j < h; j++) {
            int rgb = 0;
            for (int i = 0; i < w; i++) {
                if (i == 0 || rnd.nextInt(3) == 0) {
                    rgb = (levels[rnd.nextInt(levels.length)] << 16) | (levels[rnd.nextInt(levels.length)] << 8)
                            | levels[rnd.nextInt(levels.length)];
                }
                if (gray) {
                    img.getRaster().setSample(i, j, 0, rgb & 0xFF);
                } else {
                    img.setRGB(i, j, rgb);
                }
            }
        }
        return img;
    }

    /**
     * Encodes with the JDK writer.
     *
     * @param quality     0..1
     * @param lumaH       luma horizontal sampling factor (chroma stays 1x1); ignored for gray images
     * @param lumaV       luma vertical sampling factor
     * @param restart     restart interval in MCUs, 0 for none
     * @param progressive progressive mode (which the Java decoder leaves to javax.imageio)
     */
    public static byte[] encode(BufferedImage img, float quality, int lumaH, int lumaV, int restart, boolean progressive)
            throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
            String format = "javax_imageio_jpeg_image_1.0";
            IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
            IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
            NodeList specs = root.getElementsByTagName("componentSpec");
            if (specs.getLength() == 3) {
                for (int i = 0; i < 3; i++) {
                    IIOMetadataNode spec = (IIOMetadataNode) specs.item(i);
                    spec.setAttribute("HsamplingFactor", Integer.toString(i == 0 ? lumaH : 1));
                    spec.setAttribute("VsamplingFactor", Integer.toString(i == 0 ? lumaV : 1));
                }
            }
            if (restart > 0) {
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(restart));
                Node sof = root.getElementsByTagName("sof").item(0);
                markers.insertBefore(dri, sof);
            }
            meta.setFromTree(format, root);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(img, null, meta), param);
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }
}
