package io.trt4j.image.post;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftmaxTest {
    @Test
    void matchesDefinitionOnModerateLogits() {
        float[] x = {1f, 2f, 3f, -1f};
        // exp(1) + exp(2) + exp(3) + exp(-1) = 2.718281828 + 7.389056099 + 20.08553692 + 0.367879441 = 30.56075429
        float[] expected = {(float) (Math.E / 30.56075429), (float) (Math.exp(2) / 30.56075429),
            (float) (Math.exp(3) / 30.56075429), (float) (Math.exp(-1) / 30.56075429)};
        assertArrayEquals(expected, Softmax.of(x), 1e-6f);
    }

    @Test
    void stableForHugeLogits() {
        float[] p = Softmax.of(new float[] {1000f, 1000f, -1000f, 999f});
        // exp(0) + exp(0) + exp(-1) = 2.367879441
        assertEquals((float) (1 / 2.367879441), p[0], 1e-6f);
        assertEquals(0f, p[2]);
        assertEquals((float) (Math.exp(-1) / 2.367879441), p[3], 1e-6f);
        for (float v : p) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void rowsOfABatchSumToOne() {
        Random rnd = new Random(3);
        float[] logits = new float[3 * 1001];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (rnd.nextGaussian() * 10);
        }
        for (int row = 0; row < 3; row++) {
            Softmax.inPlace(logits, row * 1001, 1001);
            double sum = 0;
            for (int i = 0; i < 1001; i++) {
                sum += logits[row * 1001 + i];
            }
            assertEquals(1.0, sum, 1e-5);
        }
    }
}
