package io.trt4j.image.internal;

import io.trt4j.image.RgbImage;
import io.trt4j.image.internal.jpeg.JpegDecoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.NodeList;

/**
 * Which libjpeg the JDK's javax.imageio JPEG reader runs on, as far as it changes decoded bytes of baseline files:
 * OpenJDK bundles IJG libjpeg 6b, which upsamples 4:4:0 chroma (luma sampled 1x2) by repeating rows; builds linked
 * against the system libjpeg-turbo (Debian, Ubuntu) smooth it with a triangle filter. Found once, on first use, by
 * writing a small 4:4:0 JPEG with the JDK's writer and comparing the JDK's raw YCbCr decode with both variants of
 * the Java decoder.
 *
 * <p>Thread-safety: the result is computed once (class-holder idiom) and immutable.
 */
public final class JdkJpegFlavor {
    private JdkJpegFlavor() {
    }

    /**
     * Whether the JDK upsamples 4:4:0 chroma with the triangle filter (true) or by replication (false); empty if
     * neither matches or the probe failed, in which case 4:4:0 JPEGs are best left to javax.imageio.
     */
    public static Optional<Boolean> fancyH1v2() {
        return Holder.FANCY_H1V2;
    }

    private static final class Holder {
        static final Optional<Boolean> FANCY_H1V2 = probe();
    }

    private static Optional<Boolean> probe() {
        try {
            BufferedImage img = new BufferedImage(16, 32, BufferedImage.TYPE_3BYTE_BGR);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 16; x++) {
                    img.setRGB(x, y, ((y * 37) & 0xFF) << 16 | ((x * 23 + y * 11) & 0xFF) << 8 | ((255 - y * 7) & 0xFF));
                }
            }
            byte[] jpeg = encode440(img);
            ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
            RgbImage jdk;
            try {
                reader.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg)));
                jdk = JpegYCbCr.toRgb(reader.readRaster(0, null));
            } finally {
                reader.dispose();
            }
            var header = JpegDecoder.readHeader(jpeg);
            if (Arrays.equals(jdk.pixels(), JpegDecoder.decode(jpeg, header, 1, true).pixels())) {
                return Optional.of(true);
            }
            if (Arrays.equals(jdk.pixels(), JpegDecoder.decode(jpeg, header, 1, false).pixels())) {
                return Optional.of(false);
            }
            return Optional.empty();
        } catch (Exception | LinkageError e) {
            return Optional.empty();
        }
    }

    private static byte[] encode440(BufferedImage img) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
            String format = "javax_imageio_jpeg_image_1.0";
            IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
            NodeList specs = root.getElementsByTagName("componentSpec");
            for (int i = 0; i < specs.getLength(); i++) {
                IIOMetadataNode spec = (IIOMetadataNode) specs.item(i);
                spec.setAttribute("HsamplingFactor", "1");
                spec.setAttribute("VsamplingFactor", i == 0 ? "2" : "1");
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
