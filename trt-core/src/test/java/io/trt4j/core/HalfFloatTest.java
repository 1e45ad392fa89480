package io.trt4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Half conversions against the IEEE 754 definition, written independently of the implementation. */
class HalfFloatTest {
    /** Exact value of a finite half from the definition: (-1)^s * 2^(e-15) * (1 + m/1024), or 2^-14 * m/1024. */
    static BigDecimal referenceValue(int bits) {
        int s = bits >> 15 & 1;
        int e = bits >> 10 & 31;
        int m = bits & 1023;
        BigDecimal v = e == 0
                ? new BigDecimal(m).multiply(pow2(-24))
                : new BigDecimal(1024 + m).multiply(pow2(e - 25));
        return s == 1 ? v.negate() : v;
    }

    static BigDecimal pow2(int e) {
        return e >= 0 ? new BigDecimal(java.math.BigInteger.ONE.shiftLeft(e))
                : BigDecimal.ONE.divide(new BigDecimal(java.math.BigInteger.ONE.shiftLeft(-e)));
    }

    /** Positive half magnitudes in increasing order, plus 65536 standing for "overflow to infinity". */
    static final BigDecimal[] MAGNITUDES = new BigDecimal[0x7c01];

    static {
        for (int i = 0; i < 0x7c00; i++) {
            MAGNITUDES[i] = referenceValue(i);
        }
        MAGNITUDES[0x7c00] = new BigDecimal(65536);
    }

    /** Reference float to half: nearest magnitude by binary search, ties to the even pattern. */
    static int referenceFromFloat(float f) {
        if (Float.isNaN(f)) {
            return -1;
        }
        int sign = Float.floatToRawIntBits(f) < 0 ? 0x8000 : 0;
        if (Float.isInfinite(f)) {
            return sign | 0x7c00;
        }
        BigDecimal a = new BigDecimal(Math.abs((double) f));
        int lo = 0;
        int hi = 0x7c00;
        if (a.compareTo(MAGNITUDES[hi]) >= 0) {
            return sign | 0x7c00;
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (MAGNITUDES[mid].compareTo(a) <= 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        int c = a.subtract(MAGNITUDES[lo]).compareTo(MAGNITUDES[hi].subtract(a));
        int pick = c < 0 ? lo : c > 0 ? hi : (lo % 2 == 0 ? lo : hi);
        return sign | pick;
    }

    @Test
    void everyHalfPatternDecodesToItsDefinedValueAndRoundTrips() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float f = HalfFloat.toFloat((short) bits);
            int exp = bits >> 10 & 31;
            if (exp == 31) {
                if ((bits & 1023) == 0) {
                    assertEquals((bits & 0x8000) == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY, f);
                } else {
                    assertTrue(Float.isNaN(f), "pattern " + Integer.toHexString(bits));
                    assertTrue(Float.isNaN(HalfFloat.toFloat(HalfFloat.fromFloat(f))));
                }
                continue;
            }
            assertEquals(0, referenceValue(bits).compareTo(new BigDecimal((double) f)),
                    "value of pattern " + Integer.toHexString(bits));
            if (bits == 0x8000) {
                assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(f));
            }
            assertEquals(bits, HalfFloat.fromFloat(f) & 0xffff, "round trip of " + Integer.toHexString(bits));
        }
    }

    @Test
    void midpointsAndNeighboursRoundToNearestEven() {
        for (int bits = 0; bits < 0x7c00; bits++) {
            BigDecimal mid = MAGNITUDES[bits].add(MAGNITUDES[bits + 1]).divide(BigDecimal.valueOf(2));
            float m = mid.floatValue();
            for (float f : new float[] {m, Math.nextUp(m), Math.nextDown(m)}) {
                for (float g : new float[] {f, -f}) {
                    assertEquals(referenceFromFloat(g), HalfFloat.fromFloat(g) & 0xffff, "float " + g + " ("
                            + Integer.toHexString(Float.floatToRawIntBits(g)) + ")");
                }
            }
        }
    }

    @Test
    void randomFloatsMatchTheReference() {
        Random r = new Random(7);
        for (int i = 0; i < 300_000; i++) {
            float f = i % 3 == 0 ? Float.intBitsToFloat(r.nextInt())
                    : (float) (r.nextGaussian() * Math.pow(2, r.nextInt(40) - 28));
            if (Float.isNaN(f)) {
                assertTrue(Float.isNaN(HalfFloat.toFloat(HalfFloat.fromFloat(f))));
                continue;
            }
            assertEquals(referenceFromFloat(f), HalfFloat.fromFloat(f) & 0xffff,
                    "float " + f + " (" + Integer.toHexString(Float.floatToRawIntBits(f)) + ")");
        }
    }

    @Test
    void specialValues() {
        assertEquals(0x7c00, HalfFloat.fromFloat(Float.POSITIVE_INFINITY) & 0xffff);
        assertEquals(0xfc00, HalfFloat.fromFloat(Float.NEGATIVE_INFINITY) & 0xffff);
        assertEquals(0x7bff, HalfFloat.fromFloat(65504f) & 0xffff);
        assertEquals(0x7bff, HalfFloat.fromFloat(65519.996f) & 0xffff);
        assertEquals(0x7c00, HalfFloat.fromFloat(65520f) & 0xffff);
        assertEquals(0x0001, HalfFloat.fromFloat(0x1p-24f) & 0xffff);
        assertEquals(0x0000, HalfFloat.fromFloat(0x1p-25f) & 0xffff);
        assertEquals(0x0001, HalfFloat.fromFloat(Math.nextUp(0x1p-25f)) & 0xffff);
        assertEquals(0x8000, HalfFloat.fromFloat(-0f) & 0xffff);
        assertEquals(0x3c00, HalfFloat.fromFloat(1f) & 0xffff);
        assertEquals(0x3555, HalfFloat.fromFloat(1f / 3) & 0xffff);
        assertTrue(Float.isNaN(HalfFloat.toFloat(HalfFloat.fromFloat(Float.NaN))));
        assertEquals(65504f, HalfFloat.MAX_VALUE);
    }
}
