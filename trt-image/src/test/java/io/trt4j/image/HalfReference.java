package io.trt4j.image;

/**
 * Test-only binary16 reference, written from the definition and independent of the production converter: decode every
 * one of the 63488 finite half values to double (sign * 2^(e-15) * (1 + m/1024), subnormals 2^-14 * m/1024), then pick
 * the nearest, ties to the even bit pattern; beyond the largest finite half (65504) plus half an ulp, infinity.
 */
final class HalfReference {
    private static final double[] VALUES = new double[0x7C00];

    static {
        for (int h = 0; h < 0x7C00; h++) {
            int e = h >> 10;
            int m = h & 0x3FF;
            VALUES[h] = e == 0 ? Math.scalb(m / 1024.0, -14) : Math.scalb(1 + m / 1024.0, e - 15);
        }
    }

    private HalfReference() {
    }

    static short nearest(float f) {
        if (Float.isNaN(f)) {
            return (short) 0x7E00;
        }
        double a = Math.abs((double) f);
        int sign = (Float.floatToRawIntBits(f) >>> 31) << 15;
        if (a >= 65504 + 16) { // halfway to 2^16, ties go to even (infinity's pattern 0x7C00 is even)
            return (short) (sign | 0x7C00);
        }
        int lo = 0;
        int hi = 0x7BFF;
        while (lo < hi) { // largest h with VALUES[h] <= a
            int mid = (lo + hi + 1) >>> 1;
            if (VALUES[mid] <= a) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int best = lo;
        if (lo < 0x7BFF) {
            double dl = a - VALUES[lo];
            double dh = VALUES[lo + 1] - a;
            if (dh < dl || (dh == dl && (lo & 1) == 1)) {
                best = lo + 1;
            }
        }
        return (short) (sign | best);
    }
}
