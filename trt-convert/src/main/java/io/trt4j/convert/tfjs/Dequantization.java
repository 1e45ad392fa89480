package io.trt4j.convert.tfjs;

/**
 * TensorFlow.js weight dequantization: {@code uint8}/{@code uint16} affine quantization, {@code value = q * scale + min}
 * (computed in double, stored as float32, or rounded for int32 weights, as TensorFlow.js does), and {@code float16}
 * to float32.
 *
 * <p>Thread-safety: stateless, safe to use from any thread.
 */
final class Dequantization {
    private Dequantization() {
    }

    /** {@code q * scale + min}, {@code q} an unsigned integer (0..255 or 0..65535). */
    static float affine(int q, double scale, double min) {
        return (float) (q * scale + min);
    }

    /** {@code round(q * scale + min)} for int32 weights. */
    static int affineInt(int q, double scale, double min) {
        return (int) Math.round(q * scale + min);
    }

    /** IEEE 754 binary16 bits to float32 (exact: every half is a float). */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h >>> 15) << 31;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            // Subnormal half: normalize into a float.
            int e = -1;
            do {
                e++;
                mant <<= 1;
            } while ((mant & 0x400) == 0);
            mant &= 0x3ff;
            return Float.intBitsToFloat(sign | ((127 - 15 - e) << 23) | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
