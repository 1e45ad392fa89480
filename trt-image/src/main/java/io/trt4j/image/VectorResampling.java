package io.trt4j.image;

import io.trt4j.image.internal.VectorApiSupport;
import io.trt4j.image.internal.VectorFamily;
import io.trt4j.image.internal.VectorWarmupRunner;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.slf4j.LoggerFactory;

/**
 * Decides whether {@link RowResampler} filters in strips of 8 rows with the Vector API ({@link VectorStrips}) or row
 * by row in scalar code; refers to no {@code jdk.incubator.vector} type itself, so it loads and answers without the
 * module.
 *
 * <p>{@link #ENABLED} (fixed at class initialization) when {@link VectorApiSupport} finds the Vector API usable
 * (module present, C2, 256-bit vectors, not switched off by {@code -Dtrt4j.image.vector=false}). Then a
 * {@link VectorWarmupRunner} (the thread that warms up the JPEG decoder's kernels too, one family after the other)
 * self-checks the strips against the scalar pass (random
 * images resized both ways: plain and antialiased bilinear and area, tap counts 1 to over 8, up- and downscaling,
 * crop windows; the same bytes or the strips stay off, logged at warning level) and runs them until C2 has compiled
 * them; only then ({@link #useStrips()}) do resamplers use them, unless a later check of the runner finds them slower
 * than the scalar pass (then scalar for good). Before, the scalar pass runs: uncompiled strip code made
 * a fresh JVM's first 299x299 resize take 380 ms instead of 31 ms.
 *
 * <p>Thread-safety: thread-safe: {@link #ENABLED} is immutable; the warm-up's outcome is a {@link VectorFamily}.
 */
final class VectorResampling {
    /** The Vector API is usable here; C2 folds the strip/row choice away without it. */
    static final boolean ENABLED;
    private static final VectorFamily FAMILY = new VectorFamily("Resampler Vector API strips",
            "scalar resampling until C2 has compiled the strips");
    /** Set when not {@link #ENABLED}: why. */
    private static final String UNAVAILABLE;

    static {
        UNAVAILABLE = VectorApiSupport.UNAVAILABLE;
        ENABLED = UNAVAILABLE == null;
        if (ENABLED) {
            VectorWarmupRunner.start("Resampler", VectorResampling::selfCheck, StripKernels::new, FAMILY);
        } else if (UNAVAILABLE.startsWith("Vector API unusable")) {
            LoggerFactory.getLogger(VectorResampling.class).warn("Resampler Vector API strips off: {}", UNAVAILABLE);
        }
    }

    private VectorResampling() {
    }

    /** Whether a resampler made now should use the strips: {@link #ENABLED} and warmed up. Reads the flag once. */
    static boolean useStrips() {
        return ENABLED && FAMILY.ready();
    }

    /**
     * Waits until the warm-up has ended or {@code timeout} has passed.
     *
     * @return whether the strips are in use now; false at once where not {@link #ENABLED}
     */
    static boolean awaitReady(Duration timeout) throws InterruptedException {
        return ENABLED && FAMILY.awaitReady(timeout);
    }

    /** {@code "on (...)"}, {@code "on (..., warming up: ...)"} or {@code "off: why"}. */
    static String status() {
        return ENABLED ? FAMILY.status() : "off: " + UNAVAILABLE;
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
                    for (int j = 0; j < scalar.length; j++) {
                        for (int c = 0; c < 3; c++) {
                            if (!Arrays.equals(scalar[j][c], vector[j][c])) {
                                return "self-check failed: " + method + " " + Arrays.toString(size) + " window "
                                        + window + " row " + j;
                            }
                        }
                    }
                }
            }
        }
        return null;
    }

    /**
     * The strips for {@link VectorWarmupRunner}: a photo-sized row span (480 pixels) resized to 299 columns, 8 rows
     * (one strip), plain bilinear (2 taps: {@link VectorStrips}' short horizontal path) and antialiased to a third
     * (over 4 taps: its long path), against the scalar pass on the same rows.
     */
    private static final class StripKernels implements VectorWarmupRunner.Kernels {
        private final RgbImage image;
        private final ResampleTable[][] tables = new ResampleTable[2][];

        StripKernels() {
            byte[] pixels = new byte[480 * 24 * 3];
            new SplittableRandom(11).nextBytes(pixels);
            image = RgbImage.wrap(480, 24, pixels);
            tables[0] = new ResampleTable[] {ResampleTable.build(ResizeMethod.BILINEAR, 0, 480, 299, 0, 299),
                ResampleTable.build(ResizeMethod.BILINEAR, 0, 24, 15, 0, 8)};
            tables[1] = new ResampleTable[] {ResampleTable.build(ResizeMethod.BILINEAR_ANTIALIAS, 0, 480, 160, 0, 160),
                ResampleTable.build(ResizeMethod.BILINEAR_ANTIALIAS, 0, 24, 8, 0, 8)};
        }

        @Override
        public String[] names() {
            return new String[] {"strips, 2 taps", "strips, antialiased"};
        }

        @Override
        public void call(int k, boolean vector, int i) {
            RowResampler.resizeAll(image, tables[k][0], tables[k][1], vector);
        }
    }
}
