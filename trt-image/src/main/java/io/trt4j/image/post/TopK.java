package io.trt4j.image.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code k} largest scores, in descending order; ties go to the lower index; NaN scores rank below every number.
 * O(n log k) with a small binary heap, no boxing.
 *
 * <p>Thread-safety: stateless.
 */
public final class TopK {
    private TopK() {
    }

    /** Indices of the {@code min(k, length)} largest of {@code scores[offset .. offset+length-1]}, relative to offset. */
    public static int[] indices(float[] scores, int offset, int length, int k) {
        Objects.checkFromIndexSize(offset, length, scores.length);
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        int m = Math.min(k, length);
        int[] heap = new int[m]; // min-heap by rank: heap[0] is the worst kept
        int size = 0;
        for (int i = 0; i < length; i++) {
            if (size < m) {
                heap[size] = i;
                siftUp(heap, size++, scores, offset);
            } else if (m > 0 && better(scores, offset, i, heap[0])) {
                heap[0] = i;
                siftDown(heap, m, scores, offset);
            }
        }
        int[] out = new int[m];
        for (int n = m - 1; n >= 0; n--) { // pop worst first
            out[n] = heap[0];
            heap[0] = heap[--size];
            siftDown(heap, size, scores, offset);
        }
        return out;
    }

    /** Indices of the {@code min(k, scores.length)} largest scores. */
    public static int[] indices(float[] scores, int k) {
        return indices(scores, 0, scores.length, k);
    }

    /** The top {@code k} as predictions labelled by {@code labels} (which must cover {@code scores.length} outputs). */
    public static List<Prediction> of(float[] scores, int k, Labels labels) {
        int[] idx = indices(scores, k);
        List<Prediction> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(new Prediction(i, labels == null ? "" : labels.forOutput(i, scores.length), scores[i]));
        }
        return out;
    }

    /** Whether a ranks strictly above b. */
    private static boolean better(float[] s, int off, int a, int b) {
        float x = s[off + a];
        float y = s[off + b];
        boolean xn = Float.isNaN(x);
        boolean yn = Float.isNaN(y);
        if (xn || yn) {
            return !xn ? true : (yn && a < b);
        }
        return x > y || (x == y && a < b);
    }

    private static void siftUp(int[] h, int i, float[] s, int off) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (better(s, off, h[parent], h[i])) {
                int t = h[parent];
                h[parent] = h[i];
                h[i] = t;
                i = parent;
            } else {
                return;
            }
        }
    }

    private static void siftDown(int[] h, int size, float[] s, int off) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int worst = i;
            if (l < size && better(s, off, h[worst], h[l])) {
                worst = l;
            }
            if (r < size && better(s, off, h[worst], h[r])) {
                worst = r;
            }
            if (worst == i) {
                return;
            }
            int t = h[worst];
            h[worst] = h[i];
            h[i] = t;
            i = worst;
        }
    }
}
