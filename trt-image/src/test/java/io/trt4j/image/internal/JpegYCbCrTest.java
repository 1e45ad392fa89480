package io.trt4j.image.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.image.Fixtures;
import io.trt4j.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JpegYCbCrTest {
    /**
     * The fast path (raw YCbCr + libjpeg's fixed-point conversion written here) against the JDK's own colour-managed
     * {@code ImageReader.read} + {@code getRGB}: every byte of every real JPEG fixture.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg"})
    void matchesTheJdkDecoderBitForBit(String name) throws Exception {
        byte[] data = Files.readAllBytes(Fixtures.image(name));
        assertTrue(JpegYCbCr.isPlainYCbCr(data), name);
        RgbImage fast;
        BufferedImage reference;
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try {
            reader.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(data)));
            fast = JpegYCbCr.toRgb(reader.readRaster(0, null));
            reference = reader.read(0);
        } finally {
            reader.dispose();
        }
        int w = reference.getWidth();
        int h = reference.getHeight();
        assertEquals(w, fast.width());
        assertEquals(h, fast.height());
        byte[] expected = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = reference.getRGB(x, y);
                int o = (y * w + x) * 3;
                expected[o] = (byte) (rgb >> 16);
                expected[o + 1] = (byte) (rgb >> 8);
                expected[o + 2] = (byte) rgb;
            }
        }
        assertArrayEquals(expected, fast.pixels(), name);
    }

    @Test
    void grayRgbAndNonJpegStreamsTakeTheRegularPath() throws Exception {
        BufferedImage gray = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(gray, "jpeg", out);
        assertFalse(JpegYCbCr.isPlainYCbCr(out.toByteArray()), "one component");

        byte[] adobeRgb = {(byte) 0xFF, (byte) 0xD8,
            (byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0,
            (byte) 0xFF, (byte) 0xC0, 0, 17, 8, 0, 16, 0, 16, 3, 'R', 0x11, 0, 'G', 0x11, 0, 'B', 0x11, 0};
        assertFalse(JpegYCbCr.isPlainYCbCr(adobeRgb), "Adobe transform 0 is RGB");
        byte[] adobeYcc = adobeRgb.clone();
        adobeYcc[17] = 1;
        assertTrue(JpegYCbCr.isPlainYCbCr(adobeYcc), "Adobe transform 1 is YCbCr");
        byte[] twelveBit = adobeYcc.clone();
        twelveBit[22] = 12;
        assertFalse(JpegYCbCr.isPlainYCbCr(twelveBit), "12-bit samples");

        assertFalse(JpegYCbCr.isPlainYCbCr(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}), "truncated");
        assertFalse(JpegYCbCr.isPlainYCbCr("not a jpeg at all".getBytes()), "not a JPEG");
    }
}
