package io.trt4j.image.internal.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trt4j.image.internal.JpegYCbCr;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorUpsampler} and {@link VectorYCbCr} against {@link ChromaUpsampler} and {@link JpegYCbCr}, called
 * directly on random rows of every width from 1 (or 2) to 300 and beyond, at odd offsets, including all-0 and all-255
 * rows: the whole destination buffer must come out the same (nothing written past the row, nothing left unwritten).
 * Needs the {@code jdk.incubator.vector} module (surefire adds it); skipped without it.
 */
class VectorRowKernelsTest {
    private static final int[] WIDTHS = widths();

    @BeforeAll
    static void needsTheModule() {
        assumeTrue(ModuleLayer.boot().findModule(VectorKernels.MODULE).isPresent(),
                "jdk.incubator.vector not in the boot layer (run with --add-modules jdk.incubator.vector)");
    }

    @Test
    void ycbcrToRgbMatchesTheTables() {
        SplittableRandom random = new SplittableRandom(5);
        for (int width : WIDTHS) {
            for (int trial = 0; trial < 8; trial++) {
                byte[] y = samples(random, width + 40, trial);
                byte[] cb = samples(random, width + 40, trial + 1);
                byte[] cr = samples(random, width + 40, trial + 2);
                int yOff = random.nextInt(20);
                int cbOff = random.nextInt(20);
                int crOff = random.nextInt(20);
                int outOff = random.nextInt(30);
                byte[] expected = new byte[outOff + 3 * width + random.nextInt(4)];
                random.nextBytes(expected);
                byte[] actual = expected.clone();
                JpegYCbCr.toRgbRow(y, yOff, cb, cbOff, cr, crOff, width, expected, outOff);
                VectorYCbCr.toRgbRow(y, yOff, cb, cbOff, cr, crOff, width, actual, outOff);
                assertArrayEquals(expected, actual, "width " + width + " trial " + trial);
            }
        }
        // every (Cb, Cr) pair with luma 0, 128 and 255: all table entries and clamp ends
        byte[] cb = new byte[65536];
        byte[] cr = new byte[65536];
        for (int i = 0; i < 65536; i++) {
            cb[i] = (byte) (i >> 8);
            cr[i] = (byte) i;
        }
        for (int luma : new int[] {0, 128, 255}) {
            byte[] y = new byte[65536];
            java.util.Arrays.fill(y, (byte) luma);
            byte[] expected = new byte[3 * 65536];
            byte[] actual = new byte[3 * 65536];
            JpegYCbCr.toRgbRow(y, 0, cb, 0, cr, 0, 65536, expected, 0);
            VectorYCbCr.toRgbRow(y, 0, cb, 0, cr, 0, 65536, actual, 0);
            assertArrayEquals(expected, actual, "luma " + luma);
        }
    }

    @Test
    void fancyUpsamplingMatchesChromaUpsampler() {
        SplittableRandom random = new SplittableRandom(6);
        for (int width : WIDTHS) {
            for (int trial = 0; trial < 8; trial++) {
                int stride = width + random.nextInt(24);
                byte[] plane = samples(random, 3 * stride + 8, trial);
                int near = random.nextInt(3) * stride + random.nextInt(Math.min(8, stride - width + 1));
                int far = random.nextInt(3) * stride + random.nextInt(Math.min(8, stride - width + 1));
                byte[] expected = new byte[2 * width + 2];
                random.nextBytes(expected);
                String what = "width " + width + " trial " + trial;
                int bias = 1 + (trial & 1);
                byte[] actual = expected.clone();
                ChromaUpsampler.h1v2Fancy(plane, near, far, bias, width, expected);
                VectorUpsampler.h1v2Fancy(plane, near, far, bias, width, actual);
                assertArrayEquals(expected, actual, "h1v2 " + what);
                if (width < 2) {
                    continue;
                }
                ChromaUpsampler.h2v1Fancy(plane, near, width, expected);
                VectorUpsampler.h2v1Fancy(plane, near, width, actual);
                assertArrayEquals(expected, actual, "h2v1 " + what);
                ChromaUpsampler.h2v2Fancy(plane, near, far, width, expected);
                VectorUpsampler.h2v2Fancy(plane, near, far, width, actual);
                assertArrayEquals(expected, actual, "h2v2 " + what);
            }
        }
    }

    /** Random bytes; every third trial all 0 or all 255 (the sums' extremes). */
    private static byte[] samples(SplittableRandom random, int n, int trial) {
        byte[] a = new byte[n];
        if (trial % 3 == 2) {
            java.util.Arrays.fill(a, (byte) (trial % 2 == 0 ? 0 : 255));
        } else {
            random.nextBytes(a);
        }
        return a;
    }

    private static int[] widths() {
        int[] w = new int[300 + 4];
        for (int i = 0; i < 300; i++) {
            w[i] = i + 1;
        }
        w[300] = 511;
        w[301] = 768;
        w[302] = 773;
        w[303] = 4099;
        return w;
    }
}
