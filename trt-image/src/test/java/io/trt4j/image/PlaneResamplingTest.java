package io.trt4j.image;

import io.trt4j.image.internal.JpegYCbCr;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The pieces of the fast path's plane resizing ({@link PlaneResampler}): one-plane resizes, tables for planes at a
 * fraction of the image's resolution, and the YCbCr to RGB conversion of resized rows.
 */
class PlaneResamplingTest {
    /** A plane resized alone gives what a channel of the same samples resized as RGB gives. */
    @Test
    void onePlaneIsAChannelOfTheRgbResize() {
        SplittableRandom random = new SplittableRandom(11);
        int[][] sizes = {{37, 29, 19, 11}, {23, 17, 41, 30}, {64, 48, 13, 9}, {50, 20, 50, 20}, {9, 40, 30, 12},
            {480, 180, 299, 299}};
        for (int[] s : sizes) {
            int stride = s[0] + 13; // padding samples (garbage) right of every row
            byte[] plane = new byte[stride * s[1]];
            random.nextBytes(plane);
            byte[] rgb = new byte[3 * s[0] * s[1]];
            for (int y = 0; y < s[1]; y++) {
                for (int x = 0; x < s[0]; x++) {
                    for (int c = 0; c < 3; c++) {
                        rgb[3 * (y * s[0] + x) + c] = plane[y * stride + x];
                    }
                }
            }
            RgbImage image = RgbImage.wrap(s[0], s[1], rgb);
            for (ResizeMethod method : ResizeMethod.values()) {
                ResampleTable xs = ResampleTable.build(method, 0, s[0], s[2], s[2] / 4, s[2] - s[2] / 4);
                ResampleTable ys = ResampleTable.build(method, 0, s[1], s[3], 0, s[3]);
                for (boolean strips : stripModes()) {
                    int[][][] expected = RowResampler.resizeAll(image, xs, ys, strips);
                    int[][][] actual = RowResampler.resizePlane(plane, stride, xs, ys, strips);
                    for (int j = 0; j < expected.length; j++) {
                        assertEquals(1, actual[j].length);
                        assertArrayEquals(expected[j][0], actual[j][0], method + " strips " + strips + " "
                                + java.util.Arrays.toString(s) + " row " + j);
                    }
                }
            }
        }
    }

    /** With ratio 1 a plane's table is the image's. */
    @Test
    void fullResolutionPlaneTableIsTheImageTable() {
        for (ResizeMethod method : ResizeMethod.values()) {
            for (int[] c : new int[][] {{0, 480, 299, 0, 299}, {30, 420, 368, 34, 299}, {3, 7, 20, 2, 15}}) {
                ResampleTable a = ResampleTable.build(method, c[0], c[1], c[2], c[3], c[4]);
                ResampleTable b = ResampleTable.buildForPlane(method, c[0], c[1], 1, 1, c[2], c[3], c[4]);
                assertArrayEquals(a.start, b.start, method.toString());
                assertArrayEquals(a.taps, b.taps, method.toString());
                assertArrayEquals(a.weights, b.weights, method.toString());
            }
        }
    }

    /**
     * A half-resolution plane's table against the definition written here: output index {@code i} is centred at image
     * coordinate {@code u = start + (i + 0.5) * len / resized}, which is plane coordinate {@code u / 2} (plane sample
     * {@code k} centred at {@code k + 0.5}); taps clamp to the plane samples the crop touches.
     */
    @Test
    void halfResolutionPlaneTableFollowsTheDefinition() {
        int[][] cases = { // crop start, crop length, resized, window start, count, plane length
            {0, 480, 299, 0, 299, 240}, {0, 299, 320, 0, 320, 150}, {31, 419, 299, 0, 299, 240},
            {0, 77, 30, 5, 20, 39}, {0, 13, 40, 0, 40, 7}};
        for (ResizeMethod method : ResizeMethod.values()) {
            for (int[] c : cases) {
                ResampleTable t = ResampleTable.buildForPlane(method, c[0], c[1], 0.5, c[5], c[2], c[3], c[4]);
                for (int j = 0; j < c[4]; j++) {
                    double[] expected = planeWeights(method, c[3] + j, c[0], c[1], c[2], 0.5, c[5]);
                    double[] actual = new double[c[5]];
                    for (int k = 0; k < t.taps[j]; k++) {
                        actual[t.start[j] + k] += t.weights[j * t.maxTaps + k];
                    }
                    for (int k = 0; k < c[5]; k++) {
                        assertEquals(expected[k], actual[k], 1e-6, method + " " + java.util.Arrays.toString(c)
                                + " output " + j + " sample " + k);
                    }
                }
            }
        }
    }

    /** Every (Y, Cb, Cr): the int conversion (scalar and vector) is libjpeg's table-driven byte conversion. */
    @Test
    void yccToRgbIntsIsLibjpegsConversion() {
        int n = 256;
        byte[] yb = new byte[n];
        byte[] cbb = new byte[n];
        byte[] crb = new byte[n];
        int[] y = new int[n];
        int[] cb = new int[n];
        int[] cr = new int[n];
        byte[] expected = new byte[3 * n];
        int[][] scalar = new int[3][n];
        int[][] vector = new int[3][n];
        for (int v = 0; v < n; v++) {
            crb[v] = (byte) v;
            cr[v] = v;
        }
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                java.util.Arrays.fill(yb, (byte) a);
                java.util.Arrays.fill(y, a);
                java.util.Arrays.fill(cbb, (byte) b);
                java.util.Arrays.fill(cb, b);
                JpegYCbCr.toRgbRow(yb, 0, cbb, 0, crb, 0, n, expected, 0);
                JpegYCbCr.toRgbInts(y, cb, cr, 0, n, scalar[0], scalar[1], scalar[2]);
                if (VectorResampling.ENABLED) {
                    VectorYccToRgb.toRgbInts(y, cb, cr, n - 3, vector[0], vector[1], vector[2]); // a scalar tail
                }
                for (int x = 0; x < n; x++) {
                    for (int c = 0; c < 3; c++) {
                        int want = expected[3 * x + c] & 0xFF;
                        if (scalar[c][x] != want || (VectorResampling.ENABLED && x < n - 3 && vector[c][x] != want)) {
                            throw new AssertionError("Y " + a + " Cb " + b + " Cr " + x + " channel " + c + ": want "
                                    + want + ", scalar " + scalar[c][x] + ", vector " + vector[c][x]);
                        }
                    }
                }
            }
        }
    }

    /**
     * The weight of every plane sample for output index {@code i} (an index of the resized crop), from the
     * definitions in {@link ResizeReferenceTest#weights} moved into plane coordinates (image coordinate {@code u} is
     * plane coordinate {@code u * ratio}), with taps clamped to the plane samples the crop touches.
     */
    static double[] planeWeights(ResizeMethod m, int i, int cropStart, int cropLen, int resized, double ratio,
            int planeLen) {
        int lo = Math.min((int) Math.floor(cropStart * ratio), planeLen - 1);
        int hi = Math.max(Math.min((int) Math.ceil((cropStart + cropLen) * ratio), planeLen), lo + 1);
        double centre = (cropStart + (i + 0.5) * cropLen / resized) * ratio;
        double[] w = new double[planeLen];
        switch (m) {
            case NEAREST -> w[Math.max(lo, Math.min((int) Math.floor(centre), hi - 1))] = 1;
            case BILINEAR -> {
                double x = Math.max(lo, Math.min(centre - 0.5, hi - 1));
                int x0 = (int) Math.floor(x);
                int x1 = Math.min(x0 + 1, hi - 1);
                w[x0] += 1 - (x - x0);
                w[x1] += x - x0;
            }
            case BILINEAR_ANTIALIAS -> {
                double r = Math.max((double) cropLen * ratio / resized, 1);
                for (int k = lo; k < hi; k++) {
                    w[k] = Math.max(0, 1 - Math.abs(k + 0.5 - centre) / r);
                }
            }
            case AREA -> {
                double from = (cropStart + (double) i * cropLen / resized) * ratio;
                double to = (cropStart + (double) (i + 1) * cropLen / resized) * ratio;
                for (int k = lo; k < hi; k++) {
                    w[k] = Math.max(0, Math.min(k + 1, to) - Math.max(k, from));
                }
            }
            default -> throw new AssertionError(m);
        }
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        for (int k = 0; k < planeLen; k++) {
            w[k] /= sum;
        }
        return w;
    }

    static boolean[] stripModes() {
        return VectorResampling.ENABLED ? new boolean[] {false, true} : new boolean[] {false};
    }
}
