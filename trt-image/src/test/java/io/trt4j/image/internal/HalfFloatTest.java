package io.trt4j.image.internal;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The production converter against a definition-based reference (see io.trt4j.image.HalfReference). */
class HalfFloatTest {
    @Test
    void matchesReferenceOnEdgesAndRandomFloats() throws Exception {
        var nearest = Class.forName("io.trt4j.image.HalfReference").getDeclaredMethod("nearest", float.class);
        nearest.setAccessible(true);
        float[] edges = {0f, -0f, 1f, -1f, 65504f, 65519.99f, 65520f, 1e6f, 0x1p-24f, 0x1p-25f, 0x1.0000002p-25f,
            0x1.8p-24f, 0x1.4p-24f, 0x1p-14f, 0x1.ffcp-15f, 1.0009765625f, 1.00048828125f, 1.00146484375f,
            Float.MIN_VALUE, Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (float f : edges) {
            assertEquals((short) nearest.invoke(null, f), HalfFloat.fromFloat(f), "for " + f);
        }
        Random rnd = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            // exponents around the half range, including subnormals and overflow
            float f = Math.scalb((float) rnd.nextDouble(), rnd.nextInt(50) - 30) * (rnd.nextBoolean() ? 1 : -1);
            assertEquals((short) nearest.invoke(null, f), HalfFloat.fromFloat(f), "for " + f);
        }
        for (int x = 0; x < 256; x++) { // every value the normalization tables produce for the presets
            float f = (float) (x / 127.5 - 1);
            assertEquals((short) nearest.invoke(null, f), HalfFloat.fromFloat(f));
        }
        assertEquals(true, Float.isNaN(HalfFloat.toFloat(HalfFloat.fromFloat(Float.NaN))));
    }

    @Test
    void toFloatInvertsEveryHalf() {
        for (int h = 0; h < 0x10000; h++) {
            float f = HalfFloat.toFloat((short) h);
            if (!Float.isNaN(f)) {
                assertEquals((short) h, HalfFloat.fromFloat(f), "half bits " + Integer.toHexString(h));
            }
        }
    }
}
