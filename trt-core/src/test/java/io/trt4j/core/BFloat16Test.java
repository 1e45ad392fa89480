package io.trt4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** bfloat16 conversions against a definition-based reference (nearest of the two neighbours, ties to even). */
class BFloat16Test {
    /** Exact magnitude of a positive finite bf16 pattern, or 2^128 for the infinity pattern. */
    static BigDecimal magnitude(int bits) {
        if (bits == 0x7f80) {
            return HalfFloatTest.pow2(128);
        }
        int e = bits >> 7 & 0xff;
        int m = bits & 0x7f;
        return e == 0 ? new BigDecimal(m).multiply(HalfFloatTest.pow2(-133))
                : new BigDecimal(128 + m).multiply(HalfFloatTest.pow2(e - 134));
    }

    static int reference(float f) {
        int x = Float.floatToRawIntBits(f);
        int sign = x >>> 31 << 15;
        if (Float.isInfinite(f)) {
            return sign | 0x7f80;
        }
        BigDecimal a = new BigDecimal(Math.abs((double) f));
        int down = (x & 0x7fffffff) >>> 16;
        int up = down + 1;
        if (magnitude(down).compareTo(a) == 0) {
            return sign | down;
        }
        int c = a.subtract(magnitude(down)).compareTo(magnitude(up).subtract(a));
        return sign | (c < 0 ? down : c > 0 ? up : (down % 2 == 0 ? down : up));
    }

    @Test
    void everyPatternRoundTripsAndDecodesToItsDefinedValue() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float f = BFloat16.toFloat((short) bits);
            int e = bits >> 7 & 0xff;
            if (e == 0xff && (bits & 0x7f) != 0) {
                assertTrue(Float.isNaN(f));
                assertTrue(Float.isNaN(BFloat16.toFloat(BFloat16.fromFloat(f))));
                continue;
            }
            if (e != 0xff) {
                BigDecimal want = magnitude(bits & 0x7fff);
                assertEquals(0, (bits & 0x8000) == 0 ? want.compareTo(new BigDecimal((double) f))
                        : want.negate().compareTo(new BigDecimal((double) f)), "pattern " + Integer.toHexString(bits));
            }
            assertEquals(bits, BFloat16.fromFloat(f) & 0xffff, "round trip of " + Integer.toHexString(bits));
        }
    }

    @Test
    void midpointsAndNeighboursRoundToNearestEven() {
        for (int bits = 0; bits < 0x7f80; bits++) {
            int x = bits << 16 | 0x8000;
            for (int y : new int[] {x, x + 1, x - 1}) {
                for (int s : new int[] {0, 0x80000000}) {
                    float f = Float.intBitsToFloat(y | s);
                    assertEquals(reference(f), BFloat16.fromFloat(f) & 0xffff, "float " + f);
                }
            }
        }
    }

    @Test
    void randomFloatsMatchTheReference() {
        Random r = new Random(11);
        for (int i = 0; i < 300_000; i++) {
            float f = Float.intBitsToFloat(r.nextInt());
            if (Float.isNaN(f)) {
                assertTrue(Float.isNaN(BFloat16.toFloat(BFloat16.fromFloat(f))));
                continue;
            }
            assertEquals(reference(f), BFloat16.fromFloat(f) & 0xffff, "float " + f);
        }
    }

    @Test
    void overflowAndSpecials() {
        assertEquals(0x7f80, BFloat16.fromFloat(Float.MAX_VALUE) & 0xffff);
        assertEquals(0xff80, BFloat16.fromFloat(-Float.MAX_VALUE) & 0xffff);
        assertEquals(0x3f80, BFloat16.fromFloat(1f) & 0xffff);
        assertEquals(0x8000, BFloat16.fromFloat(-0f) & 0xffff);
        assertTrue(Float.isNaN(BFloat16.toFloat(BFloat16.fromFloat(Float.intBitsToFloat(0x7f800001)))));
    }
}
