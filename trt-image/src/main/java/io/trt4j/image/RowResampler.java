package io.trt4j.image;

/**
 * Produces resized RGB uint8 rows of one image, one output row at a time: a horizontal pass (float accumulation per
 * source row, cached in a ring of {@code ys.maxTaps} rows, computed at most once per source row) then a vertical pass
 * (tap-major multiply-adds over contiguous float rows, which the JIT vectorises) rounding half up to 0..255. Pure gathers (nearest, or identity sizes) copy bytes without arithmetic.
 *
 * <p>Thread-safety: not thread-safe; one instance per image and thread.
 */
final class RowResampler {
    private final byte[] src;
    private final int srcW;
    private final ResampleTable xs;
    private final ResampleTable ys;
    private final float[][] ring;
    private final int[] ringRow;
    private final float[] tapAcc;
    private final float[] srcRow;

    RowResampler(RgbImage image, ResampleTable xs, ResampleTable ys) {
        this.src = image.pixels();
        this.srcW = image.width();
        this.xs = xs;
        this.ys = ys;
        if (xs.gather && ys.gather) {
            this.ring = null;
            this.ringRow = null;
            this.tapAcc = null;
            this.srcRow = null;
        } else {
            this.ring = new float[ys.maxTaps][xs.count * 3];
            this.ringRow = new int[ys.maxTaps];
            java.util.Arrays.fill(ringRow, -1);
            this.tapAcc = new float[xs.count * 3];
            // converting a source row to float once pays off when each sample feeds several taps (antialias, area)
            this.srcRow = xs.maxTaps > 2 ? new float[image.width() * 3] : null;
        }
    }

    /** Writes row {@code j} (0..ys.count-1) of the resized window, {@code xs.count * 3} bytes, at {@code out[off]}. */
    void row(int j, byte[] out, int off) {
        if (ring == null) {
            gatherRow(ys.start[j], out, off);
            return;
        }
        final int n = ys.taps[j];
        final int first = ys.start[j];
        final int width3 = xs.count * 3;
        if (n == 1) {
            float[] h = horizontal(first);
            for (int i = 0; i < width3; i++) {
                out[off + i] = (byte) toByte(h[i]);
            }
            return;
        }
        if (n == 2) {
            float[] h0 = horizontal(first);
            float[] h1 = horizontal(first + 1);
            float w0 = ys.weights[j * ys.maxTaps];
            float w1 = ys.weights[j * ys.maxTaps + 1];
            for (int i = 0; i < width3; i++) {
                out[off + i] = (byte) toByte(h0[i] * w0 + h1[i] * w1);
            }
            return;
        }
        accumulate(j, n, first, width3, out, off);
    }

    private void accumulate(int j, int n, int first, int width3, byte[] out, int off) {
        final float[] acc = tapAcc;
        final int wBase = j * ys.maxTaps;
        // tap-major loops over contiguous float arrays: the JIT vectorises these
        float[] h = horizontal(first);
        float w = ys.weights[wBase];
        for (int i = 0; i < width3; i++) {
            acc[i] = h[i] * w;
        }
        for (int t = 1; t < n; t++) {
            h = horizontal(first + t);
            w = ys.weights[wBase + t];
            for (int i = 0; i < width3; i++) {
                acc[i] += h[i] * w;
            }
        }
        for (int i = 0; i < width3; i++) {
            out[off + i] = (byte) toByte(acc[i]);
        }
    }

    private void gatherRow(int sy, byte[] out, int off) {
        final int rowBase = sy * srcW * 3;
        final int[] start = xs.start;
        for (int i = 0, o = off; i < xs.count; i++, o += 3) {
            int p = rowBase + start[i] * 3;
            out[o] = src[p];
            out[o + 1] = src[p + 1];
            out[o + 2] = src[p + 2];
        }
    }

    /** The horizontally resampled source row {@code sy} (float, xs.count * 3 values), from the ring. */
    private float[] horizontal(int sy) {
        int slot = sy % ring.length;
        float[] h = ring[slot];
        if (ringRow[slot] == sy) {
            return h;
        }
        ringRow[slot] = sy;
        final int rowBase = sy * srcW * 3;
        final int[] start = xs.start;
        final int[] taps = xs.taps;
        final float[] weights = xs.weights;
        final int maxTaps = xs.maxTaps;
        if (srcRow == null) {
            return horizontalFromBytes(h, rowBase);
        }
        final float[] s = srcRow;
        final byte[] bytes = src;
        for (int i = 0, n3 = srcW * 3; i < n3; i++) { // each sample is read by several taps: convert once
            s[i] = bytes[rowBase + i] & 0xFF;
        }
        for (int i = 0, o = 0; i < xs.count; i++, o += 3) {
            int p = start[i] * 3;
            int n = taps[i];
            int wi = i * maxTaps;
            float r = 0;
            float g = 0;
            float b = 0;
            for (int t = 0; t < n; t++, p += 3) {
                float w = weights[wi + t];
                r += s[p] * w;
                g += s[p + 1] * w;
                b += s[p + 2] * w;
            }
            h[o] = r;
            h[o + 1] = g;
            h[o + 2] = b;
        }
        return h;
    }

    /** Horizontal pass reading bytes directly (two-tap filters, where a float copy of the row does not pay off). */
    private float[] horizontalFromBytes(float[] h, int rowBase) {
        final int[] start = xs.start;
        final int[] taps = xs.taps;
        final float[] weights = xs.weights;
        final int maxTaps = xs.maxTaps;
        final byte[] s = src;
        if (xs.twoTaps) {
            for (int i = 0, o = 0; i < xs.count; i++, o += 3) {
                int p = rowBase + start[i] * 3;
                float w0 = weights[i * maxTaps];
                float w1 = weights[i * maxTaps + 1];
                h[o] = (s[p] & 0xFF) * w0 + (s[p + 3] & 0xFF) * w1;
                h[o + 1] = (s[p + 1] & 0xFF) * w0 + (s[p + 4] & 0xFF) * w1;
                h[o + 2] = (s[p + 2] & 0xFF) * w0 + (s[p + 5] & 0xFF) * w1;
            }
            return h;
        }
        for (int i = 0, o = 0; i < xs.count; i++, o += 3) {
            int p = rowBase + start[i] * 3;
            int n = taps[i];
            int wi = i * maxTaps;
            float r = 0;
            float g = 0;
            float b = 0;
            for (int t = 0; t < n; t++, p += 3) {
                float w = weights[wi + t];
                r += (s[p] & 0xFF) * w;
                g += (s[p + 1] & 0xFF) * w;
                b += (s[p + 2] & 0xFF) * w;
            }
            h[o] = r;
            h[o + 1] = g;
            h[o + 2] = b;
        }
        return h;
    }

    private static int toByte(float v) {
        int i = (int) (v + 0.5f);
        return i < 0 ? 0 : Math.min(i, 255);
    }
}
