package io.trt4j.image.internal.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trt4j.image.internal.JdkJpegFlavor;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder with the Vector API kernels (IDCT, fancy upsampling, colour conversion) against the decoder with the
 * scalar ones, in one JVM (surefire adds {@code jdk.incubator.vector}; skipped where the kernels are off): the same
 * bytes for the real photos and re-encoded ones (every chroma sampling, full and reduced sizes), and the same outcome
 * (bytes, or exception type and message) for damaged data and for streams whose IDCT values leave the range where
 * libjpeg builds agree ({@link UnsupportedJpegException}). Checks with
 * {@link VectorKernels#vectorDecodes()} that every decode asking for the vector kernels ran them (and no other did).
 */
class VectorDecodeTest {
    private static final boolean FANCY_H1V2 = JdkJpegFlavor.fancyH1v2().orElseThrow();

    @BeforeAll
    static void needsTheVectorKernels() {
        assumeTrue(VectorKernels.ENABLED, "Vector API kernels " + VectorKernels.REASON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg"})
    void realPhotosDecodeToTheSameBytes(String name) throws Exception {
        byte[] data = TestJpegs.fixture(name);
        JpegHeader header = JpegDecoder.readHeader(data);
        byte[] scalar = decode(data, header, 1, false);
        byte[] vector = decode(data, header, 1, true);
        assertArrayEquals(scalar, vector, name);
        assertArrayEquals(TestJpegs.reference(data).pixels(), vector, name + " against javax.imageio");
        for (int d : new int[] {2, 4, 8}) { // reduced sizes: the IDCT stays scalar, upsampling and colour do not
            assertArrayEquals(decode(data, header, d, false), decode(data, header, d, true), name + " at 1/" + d);
        }
    }

    /**
     * Scales 3/8..7/8: the scaled IDCTs (7x7, 6x6, 5x5 and 4x4 on {@link VectorScaledIdct}; 3x3 and the enlarging
     * chroma sizes stay scalar) on the photos, re-encoded photos of every chroma sampling and quality, photos whose
     * quantization steps were scaled up (coefficients past the vector code's limit: its scalar fallback) and damaged
     * photos: the same outcome with and without the vector kernels.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg"})
    void scaledDecodesHaveTheSameOutcome(String name) throws Exception {
        byte[] data = TestJpegs.fixture(name);
        JpegHeader header = JpegDecoder.readHeader(data);
        for (int m = 3; m <= 7; m++) {
            assertArrayEquals(decodeScaled(data, header, m, false), decodeScaled(data, header, m, true),
                    name + " at " + m + "/8");
        }
        for (int factor : new int[] {4, 16, 64, 255}) {
            byte[] scaled = scaleQuantization(data, factor);
            for (int m = 4; m <= 7; m++) {
                assertEquals(scaledOutcome(scaled, m, false), scaledOutcome(scaled, m, true),
                        name + " quantization x" + factor + " at " + m + "/8");
            }
        }
        int scanStart = header.scanStart;
        Random random = new Random(name.hashCode() * 17L);
        for (int trial = 0; trial < 40; trial++) {
            byte[] damaged = data.clone();
            for (int f = 0, flips = 1 + random.nextInt(6); f < flips; f++) {
                damaged[scanStart + random.nextInt(data.length - scanStart)] = (byte) random.nextInt(256);
            }
            int m = 4 + trial % 4;
            assertEquals(scaledOutcome(damaged, m, false), scaledOutcome(damaged, m, true),
                    name + " damaged trial " + trial + " at " + m + "/8");
        }
    }

    @Test
    void reencodedPhotosDecodeToTheSameBytesAtScaledSizes() throws Exception {
        BufferedImage img = TestJpegs.crop("eagle.jpg", 100, 50, 333, 211, false);
        for (int quality : new int[] {5, 50, 90, 100}) {
            for (int[] s : new int[][] {{1, 1}, {2, 1}, {1, 2}, {2, 2}}) {
                byte[] jpeg = TestJpegs.encode(img, quality / 100f, s[0], s[1], quality == 90 ? 3 : 0, false);
                for (int m = 4; m <= 7; m++) {
                    String what = "q" + quality + " " + s[0] + "x" + s[1] + " at " + m + "/8";
                    assertEquals(scaledOutcome(jpeg, m, false), scaledOutcome(jpeg, m, true), what);
                }
            }
        }
    }

    @Test
    void reencodedPhotosDecodeToTheSameBytes() throws Exception {
        BufferedImage img = TestJpegs.crop("eagle.jpg", 100, 50, 333, 211, false);
        for (int quality : new int[] {5, 30, 75, 95, 100}) {
            for (int[] s : new int[][] {{1, 1}, {2, 1}, {1, 2}, {2, 2}}) {
                byte[] jpeg = TestJpegs.encode(img, quality / 100f, s[0], s[1], quality == 75 ? 3 : 0, false);
                for (int d : new int[] {1, 2, 4, 8}) {
                    String what = "q" + quality + " " + s[0] + "x" + s[1] + " at 1/" + d;
                    assertEquals(outcome(jpeg, d, false), outcome(jpeg, d, true), what);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg"})
    void damagedDataHasTheSameOutcome(String name) throws Exception {
        byte[] data = TestJpegs.fixture(name);
        int scanStart = JpegDecoder.readHeader(data).scanStart;
        Random random = new Random(name.hashCode() * 31L);
        java.util.Map<String, Integer> tally = new java.util.TreeMap<>();
        for (int trial = 0; trial < 100; trial++) {
            byte[] damaged = data.clone();
            for (int f = 0, flips = 1 + random.nextInt(6); f < flips; f++) {
                damaged[scanStart + random.nextInt(data.length - scanStart)] = (byte) random.nextInt(256);
            }
            String scalar = outcome(damaged, false);
            assertEquals(scalar, outcome(damaged, true), name + " trial " + trial);
            tally.merge(scalar.contains("IDCT values") ? "IDCT range" : scalar.substring(0, scalar.indexOf(' ')), 1,
                    Integer::sum);
        }
        System.out.println("VectorDecodeTest " + name + " damaged: " + tally);
    }

    /**
     * Quantization steps scaled up (the entropy data unchanged) push dequantized coefficients, and so IDCT values,
     * past the range where libjpeg's C and SIMD code agree: both IDCTs must reject the same streams at the same MCU
     * row, and decode the others to javax.imageio's bytes.
     */
    @Test
    void scaledQuantizationTablesAreRejectedAlike() throws Exception {
        int rejected = 0;
        int decoded = 0;
        for (String name : new String[] {"fruits.jpg", "baboon.jpg"}) {
            byte[] data = TestJpegs.fixture(name);
            for (int factor : new int[] {2, 3, 4, 6, 8, 16, 64, 255}) {
                byte[] scaled = scaleQuantization(data, factor);
                String what = name + " quantization x" + factor;
                String scalar = outcome(scaled, false);
                assertEquals(scalar, outcome(scaled, true), what);
                if (scalar.startsWith(UnsupportedJpegException.class.getSimpleName())) {
                    assertTrue(scalar.contains("IDCT values out of the range"), what + ": " + scalar);
                    rejected++;
                } else {
                    assertArrayEquals(TestJpegs.reference(scaled).pixels(),
                            decode(scaled, JpegDecoder.readHeader(scaled), 1, true), what + " against javax.imageio");
                    decoded++;
                }
            }
        }
        System.out.println("VectorDecodeTest scaled quantization: rejected " + rejected + ", decoded " + decoded);
        assertTrue(rejected > 0 && decoded > 0, "rejected " + rejected + ", decoded " + decoded);
    }

    /** Pixels as a hex digest, or the exception's type and message. */
    private static String outcome(byte[] data, boolean vector) {
        return outcome(data, 1, vector);
    }

    private static String outcome(byte[] data, int denominator, boolean vector) {
        long before = VectorKernels.vectorDecodes();
        String outcome;
        try {
            byte[] pixels = JpegDecoder.decode(data, JpegDecoder.readHeader(data), denominator, FANCY_H1V2, vector)
                    .pixels();
            outcome = "decoded " + Arrays.hashCode(pixels) + " " + pixels.length;
        } catch (UnsupportedJpegException | CorruptJpegException e) {
            outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        assertKernelsRan(before, vector);
        return outcome;
    }

    private static String scaledOutcome(byte[] data, int scaleNum, boolean vector) {
        long before = VectorKernels.vectorDecodes();
        String outcome;
        try {
            byte[] pixels = JpegDecoder.decodeScaled(data, JpegDecoder.readHeader(data), scaleNum, FANCY_H1V2, vector)
                    .pixels();
            outcome = "decoded " + Arrays.hashCode(pixels) + " " + pixels.length;
        } catch (UnsupportedJpegException | CorruptJpegException e) {
            outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        assertKernelsRan(before, vector);
        return outcome;
    }

    /** Pixels of a decode at scale 1 / {@code denominator}, checked to have run the kernels asked for. */
    private static byte[] decode(byte[] data, JpegHeader header, int denominator, boolean vector) throws Exception {
        long before = VectorKernels.vectorDecodes();
        byte[] pixels = JpegDecoder.decode(data, header, denominator, FANCY_H1V2, vector).pixels();
        assertKernelsRan(before, vector);
        return pixels;
    }

    /** Pixels of a decode at scale {@code scaleNum / 8}, checked to have run the kernels asked for. */
    private static byte[] decodeScaled(byte[] data, JpegHeader header, int scaleNum, boolean vector) throws Exception {
        long before = VectorKernels.vectorDecodes();
        byte[] pixels = JpegDecoder.decodeScaled(data, header, scaleNum, FANCY_H1V2, vector).pixels();
        assertKernelsRan(before, vector);
        return pixels;
    }

    /**
     * After one decode: the vector kernels ran if and only if they were asked for (self-checked, they must not fall back
     * to the scalar ones silently, or the comparisons here would compare the scalar kernels with themselves).
     */
    private static void assertKernelsRan(long vectorDecodesBefore, boolean vector) {
        assertEquals(vectorDecodesBefore + (vector ? 1 : 0), VectorKernels.vectorDecodes(),
                "decodes that ran the vector kernels, vector = " + vector);
    }

    /** Multiplies every 8-bit quantization step in the DQT segments by {@code factor} (at most 255). */
    private static byte[] scaleQuantization(byte[] data, int factor) {
        byte[] out = data.clone();
        int pos = 2;
        while (pos + 4 <= out.length && (out[pos] & 0xFF) == 0xFF) {
            int marker = out[pos + 1] & 0xFF;
            int length = ((out[pos + 2] & 0xFF) << 8) | (out[pos + 3] & 0xFF);
            if (marker == 0xDA) {
                break;
            }
            if (marker == 0xDB) {
                int p = pos + 4;
                while (p < pos + 2 + length) {
                    boolean sixteenBit = (out[p] & 0xF0) != 0;
                    assertTrue(!sixteenBit, "16-bit quantization table");
                    for (int i = 1; i <= 64; i++) {
                        out[p + i] = (byte) Math.min(255, (out[p + i] & 0xFF) * factor);
                    }
                    p += 65;
                }
            }
            pos += 2 + length;
        }
        return out;
    }
}
