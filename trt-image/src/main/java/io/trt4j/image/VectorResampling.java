package io.trt4j.image;

import io.trt4j.image.internal.VectorApiSupport;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.slf4j.LoggerFactory;

/**
 * Decides once per JVM whether {@link RowResampler} filters in strips of 8 rows with the Vector API
 * ({@link VectorStrips}) or row by row in scalar code; refers to no {@code jdk.incubator.vector} type itself, so it
 * loads and answers without the module.
 *
 * <p>On when {@link VectorApiSupport} finds the Vector API usable (module present, C2, 256-bit vectors, not switched
 * off by {@code -Dtrt4j.image.vector=false}) and a self-check passes: a few random images resized both ways (plain
 * and antialiased bilinear, tap counts 1 to over 8, up- and downscaling) give the same bytes. Any failure leaves it
 * off (logged at warning level); where the module is present the decision is logged once at debug level.
 *
 * <p>Thread-safety: immutable after class initialization.
 */
final class VectorResampling {
    /** Chosen once: C2 folds the strip/row choice in {@link RowResampler} away. */
    static final boolean ENABLED;
    /** Why {@link #ENABLED} holds or not, for logs and tests. */
    static final String REASON;

    static {
        String why = VectorApiSupport.UNAVAILABLE;
        boolean failed;
        if (why == null) {
            try {
                why = selfCheck();
            } catch (LinkageError | RuntimeException e) {
                why = "Vector API unusable: " + e;
            }
            failed = why != null;
        } else {
            failed = why.startsWith("Vector API unusable");
        }
        ENABLED = why == null;
        REASON = why == null ? "on (" + VectorApiSupport.MODULE + " present)" : "off: " + why;
        if (failed) {
            LoggerFactory.getLogger(VectorResampling.class).warn("Resampler Vector API kernels {}", REASON);
        } else if (VectorApiSupport.MODULE_PRESENT) {
            LoggerFactory.getLogger(VectorResampling.class).debug("Resampler Vector API kernels {}", REASON);
        }
    }

    private VectorResampling() {
    }

    /** @return null when both ways give the same bytes, else a description of the first difference */
    private static String selfCheck() {
        SplittableRandom random = new SplittableRandom(7);
        int[][] cases = { // source w, h, output w, h
            {37, 29, 19, 11}, {23, 17, 41, 30}, {64, 48, 13, 9}, {50, 20, 50, 20}, {9, 40, 30, 12}};
        for (int[] size : cases) {
            byte[] pixels = new byte[size[0] * size[1] * 3];
            random.nextBytes(pixels);
            RgbImage image = RgbImage.wrap(size[0], size[1], pixels);
            for (ResizeMethod method : new ResizeMethod[] {ResizeMethod.BILINEAR, ResizeMethod.BILINEAR_ANTIALIAS}) {
                ResampleTable xs = ResampleTable.build(method, 0, size[0], size[2], 0, size[2]);
                ResampleTable ys = ResampleTable.build(method, 0, size[1], size[3], 0, size[3]);
                int[][][] scalar = RowResampler.resizeAll(image, xs, ys, false);
                int[][][] vector = RowResampler.resizeAll(image, xs, ys, true);
                for (int j = 0; j < scalar.length; j++) {
                    for (int c = 0; c < 3; c++) {
                        if (!Arrays.equals(scalar[j][c], vector[j][c])) {
                            return "self-check failed: " + method + " " + Arrays.toString(size) + " row " + j;
                        }
                    }
                }
            }
        }
        return null;
    }
}
