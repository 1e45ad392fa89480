package io.trt4j.core;

/**
 * bfloat16 conversions, bit-exact: a bfloat16 is the upper 16 bits of a binary32. Float to bfloat16 rounds to
 * nearest, ties to even; overflow gives infinity; subnormals round like any value; NaN stays NaN (made quiet, sign
 * and top payload bits kept).
 *
 * <p>Values are carried as {@code short} bit patterns (as stored in a BF16 tensor, native byte order).
 *
 * <p>Thread-safety: stateless, thread-safe.
 */
public final class BFloat16 {
    private BFloat16() {
    }

    /** The bfloat16 nearest to {@code f} (ties to even); full float range, finite values above ~3.39e38 overflow. */
    public static short fromFloat(float f) {
        int x = Float.floatToRawIntBits(f);
        if ((x & 0x7fff_ffff) > 0x7f80_0000) {
            return (short) ((x >>> 16) | 0x0040);
        }
        int bias = 0x7fff + ((x >>> 16) & 1);
        return (short) ((x + bias) >>> 16);
    }

    /** The exact float value of a bfloat16 bit pattern. */
    public static float toFloat(short bf16) {
        return Float.intBitsToFloat((bf16 & 0xffff) << 16);
    }
}
