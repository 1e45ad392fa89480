package io.trt4j.convert.zoo;

/**
 * Channel rounding of width-multiplied networks: the {@code _make_divisible} rule of the MobileNet v2 reference code
 * (round to the nearest multiple of the divisor, never below it, never more than 10% below the exact value).
 *
 * <p>Thread-safety: stateless.
 */
final class Channels {
    private Channels() {
    }

    /** {@code channels * multiplier} rounded to a multiple of {@code divisor}. */
    static int makeDivisible(double value, int divisor) {
        int rounded = Math.max(divisor, (int) (value + divisor / 2.0) / divisor * divisor);
        if (rounded < 0.9 * value) {
            rounded += divisor;
        }
        return rounded;
    }
}
