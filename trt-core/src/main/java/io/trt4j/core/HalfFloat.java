package io.trt4j.core;

/**
 * IEEE 754 binary16 ("half") conversions, bit-exact: float to half rounds to nearest, ties to even; overflow gives
 * infinity; subnormals are produced and read exactly; NaN stays NaN (quiet, sign and top payload bits kept).
 *
 * <p>Values are carried as {@code short} bit patterns (as stored in a HALF tensor, native byte order).
 *
 * <p>Thread-safety: stateless, thread-safe.
 */
public final class HalfFloat {
    /** Largest finite half, 65504. */
    public static final float MAX_VALUE = 65504f;

    private HalfFloat() {
    }

    /**
     * The half nearest to {@code f} (ties to even). Range: |f| at or above 65520 becomes ±infinity; |f| at or below
     * 2^-25 becomes ±0.
     */
    public static short fromFloat(float f) {
        int x = Float.floatToRawIntBits(f);
        int sign = (x >>> 16) & 0x8000;
        int abs = x & 0x7fff_ffff;
        if (abs >= 0x7f80_0000) {
            if (abs == 0x7f80_0000) {
                return (short) (sign | 0x7c00);
            }
            return (short) (sign | 0x7e00 | ((abs >>> 13) & 0x3ff));
        }
        if (abs >= 0x477f_f000) {
            return (short) (sign | 0x7c00);
        }
        if (abs >= 0x3880_0000) {
            int h = ((abs >>> 23) - 112) << 10 | ((abs >>> 13) & 0x3ff);
            int rest = abs & 0x1fff;
            if (rest > 0x1000 || (rest == 0x1000 && (h & 1) != 0)) {
                h++;
            }
            return (short) (sign | h);
        }
        if (abs <= 0x3300_0000) {
            return (short) sign;
        }
        int exp = abs >>> 23;
        int mant = (abs & 0x7f_ffff) | 0x80_0000;
        int shift = 126 - exp;
        int h = mant >>> shift;
        int rest = mant & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        if (rest > halfway || (rest == halfway && (h & 1) != 0)) {
            h++;
        }
        return (short) (sign | h);
    }

    /** The exact float value of a half bit pattern (every half is a float). */
    public static float toFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f80_0000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
