package io.trt4j.image.internal.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.image.ImageDecodeException;
import io.trt4j.image.ImageDecoder;
import io.trt4j.image.RgbImage;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged input: truncated fixtures and fixtures with random bytes flipped (fixed seeds). The Java decoder either
 * decodes, or says "unsupported" or "corrupt" with its own exception types; nothing else escapes and it always ends.
 * Whenever it decodes, its bytes equal javax.imageio's (lenient) decode of the same damaged data. Through
 * {@link ImageDecoder}: strict decoding throws {@link ImageDecodeException}; lenient decoding gives exactly what
 * javax.imageio alone gives.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JpegCorruptDataTest {
    private static final ImageDecoder STRICT = ImageDecoder.builder().javaJpeg(true).exifOrientation(false).build();
    private static final ImageDecoder LENIENT = ImageDecoder.builder().javaJpeg(true).exifOrientation(false)
            .strict(false).build();
    private static final ImageDecoder LENIENT_IMAGE_IO = ImageDecoder.builder().javaJpeg(false)
            .exifOrientation(false).strict(false).build();

    @ParameterizedTest
    @ValueSource(strings = {"dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg"})
    void truncatedFilesFailTypedOrFallBack(String name) throws Exception {
        byte[] data = TestJpegs.fixture(name);
        int scanStart = JpegDecoder.readHeader(data).scanStart;
        int[] cuts = new int[48];
        for (int i = 0; i < cuts.length; i++) {
            // a third in the headers, the rest spread over the entropy data, and the last bytes
            cuts[i] = i < 16 ? 1 + i * (scanStart - 1) / 16
                    : i < 44 ? scanStart + (int) ((long) (i - 16) * (data.length - scanStart) / 28)
                    : data.length - (48 - i);
        }
        int corrupt = 0;
        for (int cut : cuts) {
            byte[] truncated = Arrays.copyOf(data, cut);
            Outcome o = checkJavaDecoder(truncated, name + " cut at " + cut);
            if (o == Outcome.CORRUPT) {
                corrupt++;
            }
            assertThrows(ImageDecodeException.class, () -> STRICT.decode(truncated, name),
                    name + " cut at " + cut + " must fail in strict mode");
            checkLenientMatchesImageIo(truncated, name + " cut at " + cut);
        }
        assertTrue(corrupt >= 20, name + ": truncated entropy data should be reported as corrupt, got " + corrupt);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg"})
    void flippedBytesFailTypedOrDecodeLikeImageIo(String name) throws Exception {
        byte[] data = TestJpegs.fixture(name);
        int scanStart = JpegDecoder.readHeader(data).scanStart;
        Random random = new Random(name.hashCode());
        int[] counts = new int[Outcome.values().length];
        for (int trial = 0; trial < 60; trial++) {
            byte[] damaged = data.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                // mostly entropy data; every fourth trial also hits the headers
                int at = trial % 4 == 0 ? 2 + random.nextInt(scanStart - 2)
                        : scanStart + random.nextInt(data.length - scanStart);
                damaged[at] = (byte) random.nextInt(256);
            }
            String what = name + " trial " + trial;
            Outcome o = checkJavaDecoder(damaged, what);
            counts[o.ordinal()]++;
            try {
                RgbImage strict = STRICT.decode(damaged, what);
                assertArrayEquals(LENIENT_IMAGE_IO.decode(damaged, what).pixels(), strict.pixels(), what);
                // accepted in strict mode only where javax.imageio alone accepts it too
                assertArrayEquals(TestJpegs.IMAGE_IO.decode(damaged, what).pixels(), strict.pixels(), what);
            } catch (ImageDecodeException e) {
                // a typed rejection is fine
            }
            checkLenientMatchesImageIo(damaged, what);
        }
        System.out.println(name + " flipped bytes: " + Arrays.toString(Outcome.values()) + " " + Arrays.toString(counts));
        assertTrue(counts[Outcome.CORRUPT.ordinal()] > 0, "some damage must be detected");
    }

    @Test
    void strictErrorsNameTheSourceAndTheMcuRow() throws Exception {
        byte[] data = TestJpegs.fixture("fruits.jpg");
        byte[] truncated = Arrays.copyOf(data, data.length / 2);
        ImageDecodeException e = assertThrows(ImageDecodeException.class,
                () -> ImageDecoder.defaults().decode(truncated, "half-fruits.jpg"));
        assertEquals("half-fruits.jpg", e.source());
        assertTrue(e.getMessage().matches("half-fruits\\.jpg: JPEG data corrupt or truncated: truncated entropy"
                + " data in scan at MCU row \\d+ of 60; use a non-strict decoder to accept it"), e.getMessage());
        assertTrue(e.getCause() instanceof CorruptJpegException);
    }

    @Test
    void wrongRestartMarkerIsCorrupt() throws Exception {
        byte[] data = TestJpegs.fixture("dog.jpg"); // restart interval 96
        int scanStart = JpegDecoder.readHeader(data).scanStart;
        int rst = -1;
        for (int i = scanStart; i + 1 < data.length; i++) {
            if (data[i] == (byte) 0xFF && (data[i + 1] & 0xF8) == 0xD0) {
                rst = i;
                break;
            }
        }
        assertTrue(rst > 0);
        assertEquals((byte) 0xD0, data[rst + 1]);
        byte[] damaged = data.clone();
        damaged[rst + 1] = (byte) 0xD3;
        CorruptJpegException e = assertThrows(CorruptJpegException.class, () -> TestJpegs.javaDecode(damaged, 1));
        assertEquals("expected restart marker RST0 but found marker 0xD3 in scan at MCU row 1, column 0",
                e.getMessage());
    }

    /**
     * A block whose runs go past coefficient 63 is corrupt data, at every scale: four ZRLs (1 + 64 = 65), or three
     * and then a coefficient after a run of 15 whose value, 32767, would land past the block. The decoder's writes
     * past the block are garbage (the last one lands on the DC coefficient) and must not turn the error into an
     * IDCT range complaint (an {@link UnsupportedJpegException}).
     */
    @Test
    void runPastTheBlockIsCorrupt() throws Exception {
        byte[][] streams = {
            {0b0000_0111}, // DC "0" (no change), ZRL "0" x 4, padding 1s
            {0b0000_1101, (byte) 0xFF, 0, (byte) 0xFF, 0}, // DC "0", ZRL x 3, "110" (run 15, size 15), 15 ones
        };
        for (byte[] entropy : streams) {
            byte[] jpeg = oneBlockGrayJpeg(entropy);
            for (int m = 8; m >= 1; m--) {
                int scale = m;
                CorruptJpegException e = assertThrows(CorruptJpegException.class,
                        () -> TestJpegs.javaDecodeScaled(jpeg, scale));
                assertEquals("corrupt entropy data in scan at MCU row 0 (coefficient run past the end of a block)",
                        e.getMessage(), "at " + m + "/8");
            }
        }
        // with an EOB after two ZRLs ("0", "0", "0", "10": k = 33) the block decodes: flat gray
        RgbImage flat = TestJpegs.javaDecodeScaled(oneBlockGrayJpeg(new byte[] {0b0001_0111}), 8);
        for (byte b : flat.pixels()) {
            assertEquals(128, b & 0xFF);
        }
    }

    /**
     * A coefficient that ends its block (index 63) read in the same table lookup as the next block's first codes:
     * the decoder takes that coefficient alone, and the next block decodes as libjpeg decodes it (ImageIO).
     */
    @Test
    void coefficientEndingTheBlockLeavesTheNextBlocksCodes() throws Exception {
        // AC codes: "00" run 0 size 1, "01" ZRL, "10" EOB, "110" run 14 size 1
        byte[] acCounts = {0, 3, 1};
        byte[] acSymbols = {0x01, (byte) 0xF0, 0x00, (byte) 0xE1};
        // block 1: DC "0" (no change), ZRL x 3 (k = 49), "110" + "1": +1 at index 63, which ends the block;
        // block 2: DC "0", "00" + "1": +1 at index 1, EOB; padding 1s. Read as AC codes, block 2's "0 00 1" is
        // a run-0 coefficient: a lookup at k = 49 sees a pair
        byte[] entropy = {0b0010_1011, (byte) 0b1010_0011, 0b0111_1111};
        byte[] jpeg = grayJpeg(16, 50, acCounts, acSymbols, entropy);
        byte[] expected = LENIENT_IMAGE_IO.decode(jpeg, "two blocks").pixels();
        for (int m = 8; m >= 1; m--) {
            RgbImage image = TestJpegs.javaDecodeScaled(jpeg, m);
            if (m == 8) {
                assertArrayEquals(expected, image.pixels());
            }
        }
        // each block holds its coefficient: neither is flat
        for (int block = 0; block < 2; block++) {
            int first = expected[3 * 8 * block] & 0xFF;
            boolean flat = true;
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    flat &= (expected[3 * (16 * y + 8 * block + x)] & 0xFF) == first;
                }
            }
            assertEquals(false, flat, "block " + block + " is flat");
        }
    }

    /**
     * An 8x8 grayscale baseline JPEG of one block: quantization steps all 1; DC table: one code "0" (size 0); AC
     * table: "0" for ZRL (run 15, size 0), "10" for EOB, "110" for run 15 and size 15; {@code entropy} the
     * entropy-coded data (stuffed).
     */
    private static byte[] oneBlockGrayJpeg(byte[] entropy) {
        return grayJpeg(8, 1, new byte[] {1, 1, 1}, new byte[] {(byte) 0xF0, 0x00, (byte) 0xFF}, entropy);
    }

    /**
     * A grayscale baseline JPEG {@code width} x 8 (blocks side by side): every quantization step {@code quant}; DC
     * table: one code "0" (size 0); AC table: {@code acCounts[i]} codes of length {@code i + 1}, for
     * {@code acSymbols} in order; {@code entropy} the entropy-coded data (stuffed).
     */
    private static byte[] grayJpeg(int width, int quant, byte[] acCounts, byte[] acSymbols, byte[] entropy) {
        byte[] dqt = new byte[2 + 2 + 1 + 64];
        dqt[0] = (byte) 0xFF;
        dqt[1] = (byte) 0xDB;
        dqt[3] = 67;
        Arrays.fill(dqt, 5, dqt.length, (byte) quant);
        byte[] head = {(byte) 0xFF, (byte) 0xD8};
        byte[] sof = {(byte) 0xFF, (byte) 0xC0, 0, 11, 8, 0, 8, 0, (byte) width, 1, 1, 0x11, 0};
        byte[] dhtDc = {(byte) 0xFF, (byte) 0xC4, 0, 20, 0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] dhtAc = new byte[2 + 2 + 1 + 16 + acSymbols.length];
        dhtAc[0] = (byte) 0xFF;
        dhtAc[1] = (byte) 0xC4;
        dhtAc[3] = (byte) (dhtAc.length - 2);
        dhtAc[4] = 0x10;
        System.arraycopy(acCounts, 0, dhtAc, 5, acCounts.length);
        System.arraycopy(acSymbols, 0, dhtAc, 21, acSymbols.length);
        byte[] sos = {(byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0x00, 0, 63, 0};
        byte[] eoi = {(byte) 0xFF, (byte) 0xD9};
        byte[][] parts = {head, dqt, sof, dhtDc, dhtAc, sos, entropy, eoi};
        byte[] out = new byte[Arrays.stream(parts).mapToInt(part -> part.length).sum()];
        int o = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, o, part.length);
            o += part.length;
        }
        return out;
    }

    private enum Outcome { DECODED, UNSUPPORTED, CORRUPT }

    /**
     * Runs the Java decoder at every scale M/8; only its own exception types may come out, and a full-size decode
     * equals ImageIO's. Returns the full-size outcome.
     */
    private static Outcome checkJavaDecoder(byte[] data, String what) throws IOException {
        Outcome outcome = null;
        for (int m = 8; m >= 1; m--) {
            Outcome o;
            try {
                RgbImage img = TestJpegs.javaDecodeScaled(data, m);
                o = Outcome.DECODED;
                if (m == 8) {
                    assertArrayEquals(LENIENT_IMAGE_IO.decode(data, what).pixels(), img.pixels(), what);
                }
            } catch (UnsupportedJpegException e) {
                o = Outcome.UNSUPPORTED;
            } catch (CorruptJpegException e) {
                o = Outcome.CORRUPT;
            } catch (Exception e) {
                if (e instanceof IOException io) {
                    throw io;
                }
                throw new AssertionError(what + " at " + m + "/8: untyped " + e, e);
            }
            if (outcome == null) {
                outcome = o; // full size; reduced sizes may differ (e.g. the range check applies at full size only)
            }
        }
        return outcome;
    }

    /** Lenient decoding falls back to javax.imageio: the same pixels (or the same exception type) as ImageIO alone. */
    private static void checkLenientMatchesImageIo(byte[] data, String what) {
        Object expected;
        Object actual;
        try {
            expected = LENIENT_IMAGE_IO.decode(data, what).pixels();
        } catch (IOException e) {
            expected = e.getClass();
        }
        try {
            actual = LENIENT.decode(data, what).pixels();
        } catch (IOException e) {
            actual = e.getClass();
        }
        if (expected instanceof byte[] e && actual instanceof byte[] a) {
            assertArrayEquals(e, a, what);
        } else {
            assertEquals(expected, actual, what);
        }
    }
}
