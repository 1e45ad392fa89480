package io.trt4j.image;

import java.util.Arrays;

/**
 * Maps an 8-bit channel value {@code x} (0..255) of output channel {@code c} to
 * {@code ((x / divisor) - mean[c]) / std[c]}, evaluated in double precision and rounded once to the output type
 * (float32; HALF rounds that float32 to nearest-even binary16). {@code mean} and {@code std} are indexed by
 * <em>output</em> channel, i.e. after {@link ColorOrder} is applied (B, G, R for BGR); arrays of length 1 apply to
 * every channel. UINT8 output requires {@link #NONE}.
 *
 * <p>Thread-safety: immutable record (arrays are copied in and out), safe to share.
 *
 * @param divisor applied first, &gt; 0 (255 for [0,1]-scale statistics, 1 for 0..255-scale ones)
 * @param mean    per output channel, length 1 or 3
 * @param std     per output channel, length 1 or 3, all &gt; 0
 */
public record Normalization(double divisor, double[] mean, double[] std) {
    /** Raw values 0..255 (x / 1 - 0) / 1. */
    public static final Normalization NONE = new Normalization(1, new double[] {0}, new double[] {1});
    /** [0, 1]: {@code x / 255}. */
    public static final Normalization ZERO_ONE = new Normalization(255, new double[] {0}, new double[] {1});
    /** Inception / MobileNet [-1, 1]: {@code x / 127.5 - 1}. */
    public static final Normalization INCEPTION = new Normalization(127.5, new double[] {1}, new double[] {1});
    /**
     * ImageNet statistics on the [0, 1] scale for RGB output: {@code (x / 255 - mean) / std}, mean (0.485, 0.456,
     * 0.406), std (0.229, 0.224, 0.225); approximately [-2.12, 2.64].
     */
    public static final Normalization IMAGENET = new Normalization(255,
            new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225});
    /**
     * Caffe (VGG/ResNet "caffe" mode) for BGR output: {@code x - mean}, mean (103.939, 116.779, 123.68) for
     * (B, G, R) on the 0..255 scale; approximately [-124, 152]. Use with {@link ColorOrder#BGR}.
     */
    public static final Normalization CAFFE_BGR = new Normalization(1,
            new double[] {103.939, 116.779, 123.68}, new double[] {1});

    /** Validates and copies the arrays. */
    public Normalization {
        if (!(divisor > 0) || Double.isInfinite(divisor)) {
            throw new IllegalArgumentException("divisor must be positive and finite, got " + divisor);
        }
        mean = checked("mean", mean, false);
        std = checked("std", std, true);
    }

    /** Custom statistics on the 0..255 scale: {@code (x - mean[c]) / std[c]}. */
    public static Normalization meanStd(double[] mean, double[] std) {
        return new Normalization(1, mean, std);
    }

    /** Custom statistics on the [0, 1] scale: {@code (x / 255 - mean[c]) / std[c]}. */
    public static Normalization meanStdUnitScale(double[] mean, double[] std) {
        return new Normalization(255, mean, std);
    }

    /** Copy of the mean array. */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** Copy of the std array. */
    @Override
    public double[] std() {
        return std.clone();
    }

    /** Whether this maps every x to itself. */
    public boolean isIdentity() {
        for (double m : mean) {
            if (m != 0) {
                return false;
            }
        }
        for (double s : std) {
            if (s != 1) {
                return false;
            }
        }
        return divisor == 1;
    }

    /** The normalized value of {@code x} (0..255) in output channel {@code channel}, as a double. */
    public double apply(int x, int channel) {
        return ((x / divisor) - pick(mean, channel)) / pick(std, channel);
    }

    /** Checks that the statistics fit {@code channels} output channels (a GRAY output needs equal values). */
    void checkChannels(int channels) {
        if (channels == 1 && (!allEqual(mean) || !allEqual(std))) {
            throw new IllegalArgumentException("one-channel (GRAY) output needs one mean and std, got mean "
                    + Arrays.toString(mean) + " std " + Arrays.toString(std));
        }
    }

    private static double pick(double[] a, int channel) {
        return a.length == 1 ? a[0] : a[channel];
    }

    private static boolean allEqual(double[] a) {
        for (double v : a) {
            if (v != a[0]) {
                return false;
            }
        }
        return true;
    }

    private static double[] checked(String name, double[] a, boolean positive) {
        if (a == null || (a.length != 1 && a.length != 3)) {
            throw new IllegalArgumentException(name + " needs 1 or 3 values, got "
                    + (a == null ? "null" : a.length));
        }
        for (double v : a) {
            if (!Double.isFinite(v) || (positive && !(v > 0))) {
                throw new IllegalArgumentException(name + " values must be finite" + (positive ? " and positive" : "")
                        + ", got " + Arrays.toString(a));
            }
        }
        return a.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && n.divisor == divisor && Arrays.equals(n.mean, mean)
                && Arrays.equals(n.std, std);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(divisor) * 31 * 31 + Arrays.hashCode(mean) * 31 + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalization[divisor=" + divisor + ", mean=" + Arrays.toString(mean) + ", std="
                + Arrays.toString(std) + "]";
    }
}
