package io.trt4j.image.post;

import java.util.Objects;

/**
 * Numerically stable softmax: {@code p[i] = exp(x[i] - max) / sum_j exp(x[j] - max)}, accumulated in double, so large
 * logits never overflow. Input: float logits (any finite values; a NaN input gives NaN outputs). Output: float
 * probabilities in [0, 1] summing to 1 within float rounding.
 *
 * <p>Thread-safety: stateless.
 */
public final class Softmax {
    private Softmax() {
    }

    /** Softmax of all of {@code logits} into a new array. */
    public static float[] of(float[] logits) {
        float[] out = logits.clone();
        inPlace(out, 0, out.length);
        return out;
    }

    /** Replaces {@code values[offset .. offset+length-1]} by their softmax (e.g. one row of a batch output). */
    public static void inPlace(float[] values, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, values.length);
        if (length == 0) {
            return;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + length; i++) {
            max = Math.max(max, values[i]);
        }
        double sum = 0;
        double[] e = new double[length];
        for (int i = 0; i < length; i++) {
            e[i] = Math.exp((double) values[offset + i] - max);
            sum += e[i];
        }
        for (int i = 0; i < length; i++) {
            values[offset + i] = (float) (e[i] / sum);
        }
    }
}
