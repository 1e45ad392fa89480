package io.trt4j.image;

import io.trt4j.image.internal.VectorApiSupport;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.slf4j.LoggerFactory;

/**
 * Decides whether {@link RowResampler} filters in strips of 8 rows with the Vector API ({@link VectorStrips}) or row
 * by row in scalar code; refers to no {@code jdk.incubator.vector} type itself, so it loads and answers without the
 * module.
 *
 * <p>{@link #ENABLED}, once per JVM at class initialization (the first resampler), when {@link VectorApiSupport}
 * finds the Vector API usable (module present, C2, 256-bit vectors, not switched off by
 * {@code -Dtrt4j.image.vector=false}) and {@link #selfCheck()} finds the strips giving the scalar pass's bytes (random
 * images resized both ways: plain and antialiased bilinear and area, tap counts 1 to over 8, up- and downscaling, crop
 * windows, as RGB and as one plane; and {@link VectorYccToRgb} against the scalar YCbCr conversion; a failure is
 * logged at warning level and the scalar code stays). Vector code runs hundreds of times slower
 * until C2 has compiled it: with the module a fresh JVM's first 299x299 resize takes a few hundred milliseconds (31 ms
 * without), as {@link io.trt4j.image.internal.jpeg.JpegDecoder#vectorStatus()} explains for the decoder.
 *
 * <p>Thread-safety: immutable after class initialization.
 */
final class VectorResampling {
    /** The strips pass their self-check here; C2 folds the strip/row choice away. */
    static final boolean ENABLED;
    /** Why {@link #ENABLED} holds or not: {@code "on (jdk.incubator.vector present)"} or {@code "off: why"}. */
    static final String REASON;

    static {
        String why = VectorApiSupport.checkFamily(VectorResampling::selfCheck);
        ENABLED = why == null;
        REASON = ENABLED ? "on (" + VectorApiSupport.MODULE + " present)" : "off: " + why;
        if (VectorApiSupport.warns(why)) {
            LoggerFactory.getLogger(VectorResampling.class).warn("Resampler Vector API strips {}", REASON);
        }
    }

    private VectorResampling() {
    }

    /** @return null when both ways give the same bytes, else a description of the first difference */
    static String selfCheck() {
        SplittableRandom random = new SplittableRandom(7);
        int[][] cases = { // source w, h, output w, h
            {37, 29, 19, 11}, {23, 17, 41, 30}, {64, 48, 13, 9}, {50, 20, 50, 20}, {9, 40, 30, 12}};
        for (int[] size : cases) {
            byte[] pixels = new byte[size[0] * size[1] * 3];
            random.nextBytes(pixels);
            RgbImage image = RgbImage.wrap(size[0], size[1], pixels);
            for (ResizeMethod method : ResizeMethod.values()) {
                int winX = size[2] / 3;
                int winY = size[3] / 4;
                for (boolean window : new boolean[] {false, true}) {
                    ResampleTable xs = window ? ResampleTable.build(method, 0, size[0], size[2], winX, size[2] - winX)
                            : ResampleTable.build(method, 0, size[0], size[2], 0, size[2]);
                    ResampleTable ys = window ? ResampleTable.build(method, 0, size[1], size[3], winY, size[3] - winY)
                            : ResampleTable.build(method, 0, size[1], size[3], 0, size[3]);
                    int[][][] scalar = RowResampler.resizeAll(image, xs, ys, false);
                    int[][][] vector = RowResampler.resizeAll(image, xs, ys, true);
                    // one plane: the image's bytes as a plane 3 * width samples wide, read as width samples a row
                    int[][][] scalarPlane = RowResampler.resizePlane(pixels, 3 * size[0], xs, ys, false);
                    int[][][] vectorPlane = RowResampler.resizePlane(pixels, 3 * size[0], xs, ys, true);
                    for (int j = 0; j < scalar.length; j++) {
                        boolean same = Arrays.equals(scalarPlane[j][0], vectorPlane[j][0]);
                        for (int c = 0; c < 3; c++) {
                            same &= Arrays.equals(scalar[j][c], vector[j][c]);
                        }
                        if (!same) {
                            return "self-check failed: " + method + " " + Arrays.toString(size) + " window "
                                    + window + " row " + j;
                        }
                    }
                }
            }
        }
        return checkYccToRgb(random);
    }

    /** {@link VectorYccToRgb} against the scalar conversion on random and extreme values. */
    private static String checkYccToRgb(SplittableRandom random) {
        int n = 45; // five vectors and a scalar tail
        int[][] ycc = new int[3][n];
        for (int c = 0; c < 3; c++) {
            for (int x = 0; x < n; x++) {
                ycc[c][x] = x < 8 ? ((x >> c) & 1) * 255 : random.nextInt(256);
            }
        }
        int[][] scalar = new int[3][n];
        int[][] vector = new int[3][n];
        io.trt4j.image.internal.JpegYCbCr.toRgbInts(ycc[0], ycc[1], ycc[2], 0, n, scalar[0], scalar[1], scalar[2]);
        VectorYccToRgb.toRgbInts(ycc[0], ycc[1], ycc[2], n, vector[0], vector[1], vector[2]);
        for (int c = 0; c < 3; c++) {
            if (!Arrays.equals(scalar[c], vector[c])) {
                return "self-check failed: YCbCr to RGB, channel " + c;
            }
        }
        return null;
    }
}
