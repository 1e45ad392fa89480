package io.trt4j.image.internal.jpeg;

/**
 * libjpeg 6b's post-IDCT range limiting ({@code IDCT_range_limit} indexed with {@code & RANGE_MASK}): an IDCT result
 * {@code v} (a sample minus 128) becomes {@code clamp(((v & 1023) ^ 512) - 512 + 128, 0, 255)}. In-range values are
 * clamped as expected; values beyond +/-512 wrap around the 10-bit index exactly as in libjpeg, which can only happen
 * with corrupt coefficients.
 *
 * <p>Thread-safety: immutable table; safe to share.
 */
final class SampleRangeLimit {
    /** Index with {@code v & 1023}; unsigned sample bytes 0..255. */
    static final byte[] TABLE = new byte[1024];

    static {
        for (int m = 0; m < 1024; m++) {
            int v = ((m ^ 512) - 512) + 128;
            TABLE[m] = (byte) (v < 0 ? 0 : Math.min(v, 255));
        }
    }

    private SampleRangeLimit() {
    }
}
