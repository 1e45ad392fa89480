package io.trt4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trt4j.image.internal.VectorApiSupport;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RowResampler}'s Vector API strip mode ({@link VectorStrips}) against its scalar row-by-row pass: the same
 * bytes for every method, tap count, scale, crop window and strip remainder. trt-image's surefire runs with
 * {@code --add-modules jdk.incubator.vector}, so the strips run here wherever the CPU has 256-bit vectors.
 */
class VectorStripsTest {
    private static final ResizeMethod[] FILTERING = {ResizeMethod.BILINEAR, ResizeMethod.BILINEAR_ANTIALIAS,
        ResizeMethod.AREA};

    @Test
    void enabledWhereTheVectorApiIsUsableAndItsSelfCheckPasses() {
        assertEquals(VectorApiSupport.UNAVAILABLE == null, VectorResampling.ENABLED, VectorResampling.REASON);
        if (!VectorResampling.ENABLED) {
            System.out.println("VectorStripsTest: strips off, comparisons skipped: " + VectorResampling.REASON);
            assertFalse(new RowResampler(TestImage.NOISE, table(64, 31), table(48, 23)).usesStrips());
            return;
        }
        assertEquals("on (jdk.incubator.vector present)", Preprocessor.resamplerVectorStatus());
        assertTrue(new RowResampler(TestImage.NOISE, table(64, 31), table(48, 23)).usesStrips());
        assertNull(VectorResampling.selfCheck());
        System.out.println("VectorStripsTest: strips " + Preprocessor.resamplerVectorStatus());
    }

    private static ResampleTable table(int from, int to) {
        return ResampleTable.build(ResizeMethod.BILINEAR, 0, from, to, 0, to);
    }

    /** A 64x48 random image. */
    private static final class TestImage {
        static final RgbImage NOISE = noise(new SplittableRandom(5), 64, 48, false);
    }

    @Test
    void sameBytesAsTheScalarPassOnRandomSizes() {
        assumeTrue(VectorResampling.ENABLED, VectorResampling.REASON);
        SplittableRandom random = new SplittableRandom(42);
        int[] tapsSeen = new int[64];
        for (int trial = 0; trial < 300; trial++) {
            int srcW = 1 + random.nextInt(trial % 10 == 0 ? 700 : 120);
            int srcH = 1 + random.nextInt(trial % 10 == 0 ? 500 : 90);
            int dstW = 1 + random.nextInt(trial % 3 == 0 ? 300 : 60);
            int dstH = 1 + random.nextInt(trial % 3 == 0 ? 300 : 60);
            RgbImage image = noise(random, srcW, srcH, trial % 4 == 0);
            ResizeMethod method = FILTERING[trial % FILTERING.length];
            // a window inside the resized image, as crops and letterboxes ask for
            int winX = trial % 5 == 0 ? random.nextInt(dstW) : 0;
            int winY = trial % 5 == 0 ? random.nextInt(dstH) : 0;
            int countX = trial % 5 == 0 ? 1 + random.nextInt(dstW - winX) : dstW;
            int countY = trial % 5 == 0 ? 1 + random.nextInt(dstH - winY) : dstH;
            ResampleTable xs = ResampleTable.build(method, 0, srcW, dstW, winX, countX);
            ResampleTable ys = ResampleTable.build(method, 0, srcH, dstH, winY, countY);
            if (xs.gather && ys.gather) {
                continue; // no filtering: the strips are not used
            }
            tapsSeen[Math.min(xs.maxTaps, 63)]++;
            assertSameBytes(image, xs, ys, method + " " + srcW + "x" + srcH + " -> " + dstW + "x" + dstH
                    + " window " + winX + "," + winY + " " + countX + "x" + countY);
        }
        // the comparison covered short (<= 4), medium (5..8) and long (> 8, groups of 4) horizontal filters
        int shortTaps = 0;
        int medium = 0;
        int longTaps = 0;
        for (int t = 0; t < tapsSeen.length; t++) {
            if (t <= 4) {
                shortTaps += tapsSeen[t];
            } else if (t <= 8) {
                medium += tapsSeen[t];
            } else {
                longTaps += tapsSeen[t];
            }
        }
        System.out.printf("VectorStripsTest: compared %d short, %d medium, %d long horizontal filters%n", shortTaps,
                medium, longTaps);
        assertTrue(shortTaps > 20 && medium > 5 && longTaps > 5, "tap ranges covered: " + shortTaps + ", "
                + medium + ", " + longTaps);
    }

    @Test
    void sameBytesOnExtremeValuesAndStripRemainders() {
        assumeTrue(VectorResampling.ENABLED, VectorResampling.REASON);
        SplittableRandom random = new SplittableRandom(3);
        // black/white edges drive sums to the ends of 0..255, where the rounding and clamping must agree
        for (int rows : new int[] {1, 2, 7, 8, 9, 15, 16, 17, 299}) {
            for (ResizeMethod method : FILTERING) {
                RgbImage image = noise(random, 61, 3 * rows + 5, true);
                ResampleTable xs = ResampleTable.build(method, 0, 61, 29, 0, 29);
                ResampleTable ys = ResampleTable.build(method, 0, 3 * rows + 5, rows, 0, rows);
                assertSameBytes(image, xs, ys, method + " rows " + rows);
                // upscaling too
                ResampleTable up = ResampleTable.build(method, 0, 61, 150, 0, 150);
                assertSameBytes(image, up, ys, method + " upscaled, rows " + rows);
            }
        }
    }

    private static void assertSameBytes(RgbImage image, ResampleTable xs, ResampleTable ys, String what) {
        int[][][] scalar = RowResampler.resizeAll(image, xs, ys, false);
        int[][][] strips = RowResampler.resizeAll(image, xs, ys, true);
        for (int j = 0; j < scalar.length; j++) {
            for (int c = 0; c < 3; c++) {
                assertArrayEquals(scalar[j][c], strips[j][c], what + ": row " + j + " channel " + c);
            }
        }
    }

    /** Random pixels; {@code extremes}: only 0 and 255, the hardest case for rounding at the range ends. */
    private static RgbImage noise(SplittableRandom random, int w, int h, boolean extremes) {
        byte[] pixels = new byte[w * h * 3];
        random.nextBytes(pixels);
        if (extremes) {
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = pixels[i] < 0 ? (byte) 255 : 0;
            }
        }
        return RgbImage.wrap(w, h, pixels);
    }
}
