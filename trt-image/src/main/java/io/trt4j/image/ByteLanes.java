package io.trt4j.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * Widens spans of a byte array to {@code int} without a per-byte conversion loop, which HotSpot C2 (JDK 17) does not
 * vectorise: the span is bulk-copied through a little-endian {@link IntBuffer} view (a memory copy) and each int is
 * split by constant shifts and masks (loops the JIT vectorises) into four lanes.
 *
 * <p>Layout of the result, for a span of {@code len} bytes and {@code n = laneLength(len)}: byte {@code b} of the
 * span (0-based) lands in lane {@code b & 3} at index {@code b >> 2} as its unsigned value 0..255; the
 * {@code 4 * n - len} padding slots hold 0. The lanes are four separate arrays (loops over one array at invariant
 * offsets are not vectorised by C2). The order is irrelevant to element-wise arithmetic (the vertical filter), and
 * {@link #lanesToFloats} restores byte order.
 *
 * <p>Thread-safety: not thread-safe (holds a scratch array); one instance per image and thread.
 */
final class ByteLanes {
    private final byte[] src;
    private final IntBuffer[] views = new IntBuffer[4];
    private final int[] packed;

    /**
     * @param src         the byte array spans are read from
     * @param maxSpanLen  the longest span {@link #split} will be asked for
     */
    ByteLanes(byte[] src, int maxSpanLen) {
        this.src = src;
        this.packed = new int[laneLength(maxSpanLen)];
    }

    /** Ints per lane for a span of {@code len} bytes: {@code ceil(len / 4)}. */
    static int laneLength(int len) {
        return (len + 3) >>> 2;
    }

    /**
     * Writes the {@code len} bytes at {@code src[from]} into the four lanes {@code dst[0..3]} (see the class comment),
     * each of at least {@code laneLength(len)} elements.
     */
    void split(int from, int len, int[][] dst) {
        final int lanes = laneLength(len);
        final int whole = len >>> 2;
        final int[] p = packed;
        if (whole > 0) {
            view(from & 3).get((from >>> 2), p, 0, whole);
        }
        if (whole < lanes) { // 1..3 trailing bytes, zero-padded
            int v = 0;
            for (int b = 0, at = from + (whole << 2); at < from + len; b++, at++) {
                v |= (src[at] & 0xFF) << (8 * b);
            }
            p[whole] = v;
        }
        // constant shifts: four simple loops the JIT vectorises
        final int[] d0 = dst[0];
        final int[] d1 = dst[1];
        final int[] d2 = dst[2];
        final int[] d3 = dst[3];
        for (int i = 0; i < lanes; i++) {
            d0[i] = p[i] & 0xFF;
        }
        for (int i = 0; i < lanes; i++) {
            d1[i] = (p[i] >>> 8) & 0xFF;
        }
        for (int i = 0; i < lanes; i++) {
            d2[i] = (p[i] >>> 16) & 0xFF;
        }
        for (int i = 0; i < lanes; i++) {
            d3[i] = p[i] >>> 24;
        }
    }

    /**
     * Restores byte order while converting: {@code out[b] = (float) lanes[b & 3][b >> 2]} for {@code b} in
     * {@code [0, 4 * laneLen)}; each int is rounded once to the nearest float.
     */
    static void lanesToFloats(int[][] lanes, int laneLen, float[] out) {
        final int[] l0 = lanes[0];
        final int[] l1 = lanes[1];
        final int[] l2 = lanes[2];
        final int[] l3 = lanes[3];
        for (int i = 0; i < laneLen; i++) {
            int b = 4 * i;
            out[b] = l0[i];
            out[b + 1] = l1[i];
            out[b + 2] = l2[i];
            out[b + 3] = l3[i];
        }
    }

    /** The little-endian int view whose element {@code i} starts at {@code src[offset + 4 * i]}. */
    private IntBuffer view(int offset) {
        IntBuffer v = views[offset];
        if (v == null) {
            v = ByteBuffer.wrap(src).slice(offset, src.length - offset).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            views[offset] = v;
        }
        return v;
    }
}
