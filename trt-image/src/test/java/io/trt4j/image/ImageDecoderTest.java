package io.trt4j.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lossless formats round-trip exactly; bad input gets typed exceptions naming the source. */
class ImageDecoderTest {
    private final ImageDecoder decoder = ImageDecoder.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp"})
    void losslessRgbRoundTrip(String format) throws Exception {
        RgbImage img = TestImages.random(37, 23, 7);
        byte[] data = TestImages.encode(TestImages.toBuffered(img), format);
        RgbImage back = decoder.decode(data, "x." + format);
        assertEquals(37, back.width());
        assertEquals(23, back.height());
        assertArrayEquals(img.pixels(), back.pixels());
    }

    @Test
    void grayPngReplicatesRawSamples() throws Exception {
        BufferedImage g = new BufferedImage(5, 3, BufferedImage.TYPE_BYTE_GRAY);
        int[] values = new int[15];
        for (int i = 0; i < 15; i++) {
            values[i] = i * 17;
        }
        g.getRaster().setPixels(0, 0, 5, 3, values);
        RgbImage back = decoder.decode(TestImages.encode(g, "png"), "gray.png");
        for (int i = 0; i < 15; i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(values[i], back.pixels()[i * 3 + c] & 0xFF, "pixel " + i + " channel " + c);
            }
        }
    }

    @Test
    void grayJpegKeepsRawSamples() throws Exception {
        BufferedImage g = new BufferedImage(16, 8, BufferedImage.TYPE_BYTE_GRAY);
        int[] values = new int[128];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 2) & 0xFF;
        }
        g.getRaster().setPixels(0, 0, 16, 8, values);
        byte[] jpeg = TestImages.encode(g, "jpeg");
        int[] raw = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg)).getRaster()
                .getPixels(0, 0, 16, 8, (int[]) null); // decoded samples, no colour conversion
        RgbImage back = decoder.decode(jpeg, "gray.jpg");
        for (int i = 0; i < raw.length; i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(raw[i], back.pixels()[i * 3 + c] & 0xFF, "pixel " + i + " channel " + c);
            }
        }
    }

    @Test
    void sixteenBitGrayIsScaledWithRounding() throws Exception {
        BufferedImage g = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        g.getRaster().setPixels(0, 0, 3, 1, new int[] {0, 32896, 65535}); // 32896/257 = 128.0
        RgbImage back = decoder.decode(TestImages.encode(g, "png"), "gray16.png");
        assertEquals(0, back.get(0, 0, 0));
        assertEquals(128, back.get(1, 0, 1));
        assertEquals(255, back.get(2, 0, 2));
    }

    @Test
    void rgbaAlphaDroppedOrComposited() throws Exception {
        BufferedImage a = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        a.setRGB(0, 0, (0 << 24) | (200 << 16) | (100 << 8) | 50); // transparent
        a.setRGB(1, 0, (128 << 24) | (200 << 16) | (100 << 8) | 50); // half
        byte[] png = TestImages.encode(a, "png");
        RgbImage dropped = decoder.decode(png, "rgba.png");
        assertArrayEquals(new byte[] {(byte) 200, 100, 50, (byte) 200, 100, 50}, dropped.pixels());
        RgbImage white = ImageDecoder.builder().alphaPolicy(AlphaPolicy.compositeOn(255, 255, 255)).build()
                .decode(png, "rgba.png");
        // round((c * a + 255 * (255 - a)) / 255), computed by hand: a = 0 -> 255; a = 128:
        // R (200*128 + 255*127)/255 = 227.39 -> 227, G (100*128 + 32385)/255 = 177.2 -> 177, B (6400+32385)/255 = 152.1 -> 152
        assertArrayEquals(new int[] {255, 255, 255, 227, 177, 152}, unsigned(white.pixels()));
    }

    @Test
    void paletteGifFirstFrame() throws Exception {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            r[i] = (byte) i;
            g[i] = (byte) (255 - i);
            b[i] = (byte) (i * 7);
        }
        BufferedImage pal = new BufferedImage(16, 8, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, r, g, b));
        int[] idx = new int[16 * 8];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = (i * 37) & 0xFF;
        }
        pal.getRaster().setPixels(0, 0, 16, 8, idx);
        RgbImage back = decoder.decode(TestImages.encode(pal, "gif"), "p.gif");
        for (int i = 0; i < idx.length; i++) {
            assertEquals(r[idx[i]] & 0xFF, back.pixels()[i * 3] & 0xFF, "R of pixel " + i);
            assertEquals(g[idx[i]] & 0xFF, back.pixels()[i * 3 + 1] & 0xFF, "G of pixel " + i);
            assertEquals(b[idx[i]] & 0xFF, back.pixels()[i * 3 + 2] & 0xFF, "B of pixel " + i);
        }
    }

    @Test
    void animatedGifGivesFirstFrame() throws Exception {
        byte[] r = {(byte) 255, 0};
        byte[] g = {0, 0};
        byte[] b = {0, (byte) 255};
        IndexColorModel icm = new IndexColorModel(1, 2, r, g, b);
        BufferedImage red = new BufferedImage(6, 4, BufferedImage.TYPE_BYTE_BINARY, icm); // all index 0
        BufferedImage blue = new BufferedImage(6, 4, BufferedImage.TYPE_BYTE_BINARY, icm);
        blue.getRaster().setPixels(0, 0, 6, 4, filled(24, 1));
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream ios = javax.imageio.ImageIO.createImageOutputStream(bos)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new javax.imageio.IIOImage(red, null, null), null);
            writer.writeToSequence(new javax.imageio.IIOImage(blue, null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        RgbImage first = decoder.decode(bos.toByteArray(), "anim.gif");
        assertEquals(6, first.width());
        for (int i = 0; i < 24; i++) {
            assertEquals(255, first.pixels()[i * 3] & 0xFF, "red, pixel " + i);
            assertEquals(0, first.pixels()[i * 3 + 2] & 0xFF, "not blue, pixel " + i);
        }
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void missingFileIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> decoder.decode(Path.of("/nonexistent/trt4j.jpg")));
    }

    @Test
    void emptyInputNamesSource() {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(new byte[0], "empty.jpg"));
        assertTrue(e.getMessage().startsWith("empty.jpg: "), e.getMessage());
        assertEquals("empty.jpg", e.source());
    }

    @Test
    void unsupportedFormat() {
        byte[] tiff = {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0};
        UnsupportedImageFormatException e = assertThrows(UnsupportedImageFormatException.class,
                () -> decoder.decode(tiff, "scan.tif"));
        assertTrue(e.getMessage().contains("scan.tif") && e.getMessage().contains("49 49 2A 00"), e.getMessage());
        assertThrows(UnsupportedImageFormatException.class,
                () -> decoder.decode("hello world".getBytes(StandardCharsets.US_ASCII), "notes.txt"));
    }

    @Test
    void truncatedFixtureJpegAndPng(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        for (String name : new String[] {"dog.jpg", "fruits.jpg", "coffee.png"}) {
            byte[] full = Files.readAllBytes(Fixtures.image(name));
            Path cut = tmp.resolve("cut-" + name);
            Files.write(cut, Arrays.copyOf(full, full.length / 3));
            // strict (default): an error naming the file, for JPEG too (libjpeg only warns and pads with gray)
            ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(cut));
            assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
            if (name.endsWith(".jpg")) {
                // lenient: the padded image comes back with its full size
                RgbImage padded = ImageDecoder.builder().strict(false).build().decode(cut);
                RgbImage whole = decoder.decode(full, name);
                assertEquals(whole.width(), padded.width());
                assertEquals(whole.height(), padded.height());
            }
            // cut inside the header: always an error
            byte[] head = Arrays.copyOf(full, 20);
            ImageDecodeException e2 = assertThrows(ImageDecodeException.class, () -> decoder.decode(head, "head-" + name));
            assertTrue(e2.getMessage().startsWith("head-" + name), e2.getMessage());
        }
    }

    @Test
    void corruptPngData() throws Exception {
        byte[] png = Files.readAllBytes(Fixtures.image("chelsea.png"));
        byte[] bad = png.clone();
        for (int i = 6000; i < 9000; i++) { // inside the first IDAT chunk (javax.imageio ignores chunk CRCs)
            bad[i] = (byte) (bad[i] ^ 0x5A);
        }
        assertThrows(ImageDecodeException.class, () -> decoder.decode(bad, "bad.png"));
    }

    @Test
    void pixelLimitCheckedFromHeaderBeforeDecoding() throws Exception {
        ImageDecoder small = ImageDecoder.builder().maxPixels(512 * 511).build();
        ImageTooLargeException e = assertThrows(ImageTooLargeException.class,
                () -> small.decode(Fixtures.image("baboon.jpg")));
        assertEquals(512L * 512, e.pixels());
        assertTrue(e.getMessage().contains("512x512"), e.getMessage());
        // A "bomb": a valid PNG header declaring 100000 x 100000 with no pixel data at all. Decoding it would need
        // 30 GB; the limit must trip on the header alone.
        byte[] bomb = pngHeaderOnly(100_000, 100_000);
        ImageTooLargeException b = assertThrows(ImageTooLargeException.class, () -> decoder.decode(bomb, "bomb.png"));
        assertEquals(10_000_000_000L, b.pixels());
    }

    @Test
    void zeroSizedImageRejected() {
        assertThrows(ImageDecodeException.class, () -> decoder.decode(pngHeaderOnly(0, 10), "zero.png"));
        assertThrows(ImageDecodeException.class, () -> decoder.decode(pngHeaderOnly(10, 0), "zero.png"));
    }

    @Test
    void rgbImageValidatesSizes() {
        assertThrows(IllegalArgumentException.class, () -> RgbImage.wrap(0, 5, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> RgbImage.wrap(2, 2, new byte[11]));
    }

    /** PNG signature + IHDR (8-bit RGB) with a correct CRC, then IEND; no IDAT. */
    static byte[] pngHeaderOnly(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, ihdr.array());
        chunk(out, "IEND".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, byte[] typeAndData) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(typeAndData.length - 4).array());
        out.writeBytes(typeAndData);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static int[] unsigned(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xFF;
        }
        return out;
    }
}
