package io.trt4j.image;

import io.trt4j.core.DataType;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * Writes one image's output rows into its slot of the destination buffer. Input: a row as three planes R, G, B of
 * {@code int} values 0..255 ({@code rgb[c][x]}, {@code x < width}). Output row {@code y}: colour order applied
 * (RGB, BGR, or GRAY = {@code (19595 R + 38470 G + 7471 B + 32768) >> 16}), each value mapped through its output
 * channel's lookup table (FLOAT: the normalized float32; HALF: that float's binary16 bits; UINT8: the value itself),
 * placed in {@code layout} order and bulk-copied into the slot in the slot's byte order.
 *
 * <p>Thread-safety: not thread-safe (holds row scratch arrays); one instance per image and thread.
 */
final class RowWriter {
    private static final int[] GRAY_SOURCE = {0};
    private final int width;
    private final int channels;
    private final boolean planar;
    private final int plane;
    private final int[] channelSource;
    private final float[][] floatLut;
    private final short[][] halfLut;
    private final FloatBuffer floats;
    private final ShortBuffer shorts;
    private final ByteBuffer bytes;
    private final float[] floatRow;
    private final short[] shortRow;
    private final byte[] byteRow;
    private final int[][] gray;

    /**
     * @param slot          the image's bytes, position 0, in the destination's byte order
     * @param channelSource for each output channel, the RGB plane it takes (ignored for one channel: gray)
     * @param floatLut      per output channel, the 256 FLOAT values (used for FLOAT output)
     * @param halfLut       per output channel, the 256 HALF bit patterns (used for HALF output)
     */
    RowWriter(ByteBuffer slot, TensorLayout layout, DataType type, int width, int height, int[] channelSource,
              float[][] floatLut, short[][] halfLut) {
        this.width = width;
        this.channels = channelSource.length;
        this.planar = layout.planar();
        this.plane = width * height;
        this.channelSource = channelSource;
        this.floatLut = floatLut;
        this.halfLut = halfLut;
        this.floats = type == DataType.FLOAT ? slot.asFloatBuffer() : null;
        this.shorts = type == DataType.HALF ? slot.asShortBuffer() : null;
        this.bytes = type == DataType.UINT8 ? slot : null;
        int rowLen = planar ? width : width * channels;
        this.floatRow = floats != null ? new float[rowLen] : null;
        this.shortRow = shorts != null ? new short[rowLen] : null;
        this.byteRow = bytes != null ? new byte[rowLen] : null;
        this.gray = channels == 1 ? new int[1][width] : null;
    }

    /** Writes output row {@code y} from the planes {@code rgb[0..2][0..width)}. */
    void write(int[][] rgb, int y) {
        final int[][] planes;
        final int[] source;
        if (gray != null) {
            int[] g = gray[0];
            int[] r0 = rgb[0];
            int[] g0 = rgb[1];
            int[] b0 = rgb[2];
            for (int x = 0; x < width; x++) {
                g[x] = (r0[x] * 19595 + g0[x] * 38470 + b0[x] * 7471 + 32768) >> 16;
            }
            planes = gray;
            source = GRAY_SOURCE;
        } else {
            planes = rgb;
            source = channelSource;
        }
        if (planar) {
            for (int c = 0; c < channels; c++) {
                writePlaneRow(planes[source[c]], c, c * plane + y * width);
            }
        } else if (channels == 3) {
            writeInterleaved3(planes[source[0]], planes[source[1]], planes[source[2]], y * width * 3);
        } else {
            writePlaneRow(planes[0], 0, y * width);
        }
    }

    private void writePlaneRow(int[] p, int c, int at) {
        final int n = width;
        if (floats != null) {
            final float[] lut = floatLut[c];
            final float[] row = floatRow;
            for (int x = 0; x < n; x++) {
                row[x] = lut[p[x]];
            }
            floats.put(at, row, 0, n);
        } else if (shorts != null) {
            final short[] lut = halfLut[c];
            final short[] row = shortRow;
            for (int x = 0; x < n; x++) {
                row[x] = lut[p[x]];
            }
            shorts.put(at, row, 0, n);
        } else {
            final byte[] row = byteRow;
            for (int x = 0; x < n; x++) {
                row[x] = (byte) p[x];
            }
            bytes.put(at, row, 0, n);
        }
    }

    private void writeInterleaved3(int[] p0, int[] p1, int[] p2, int at) {
        final int n = width;
        if (floats != null) {
            final float[] l0 = floatLut[0];
            final float[] l1 = floatLut[1];
            final float[] l2 = floatLut[2];
            final float[] row = floatRow;
            for (int x = 0; x < n; x++) {
                row[3 * x] = l0[p0[x]];
                row[3 * x + 1] = l1[p1[x]];
                row[3 * x + 2] = l2[p2[x]];
            }
            floats.put(at, row, 0, 3 * n);
        } else if (shorts != null) {
            final short[] l0 = halfLut[0];
            final short[] l1 = halfLut[1];
            final short[] l2 = halfLut[2];
            final short[] row = shortRow;
            for (int x = 0; x < n; x++) {
                row[3 * x] = l0[p0[x]];
                row[3 * x + 1] = l1[p1[x]];
                row[3 * x + 2] = l2[p2[x]];
            }
            shorts.put(at, row, 0, 3 * n);
        } else {
            final byte[] row = byteRow;
            for (int x = 0; x < n; x++) {
                row[3 * x] = (byte) p0[x];
                row[3 * x + 1] = (byte) p1[x];
                row[3 * x + 2] = (byte) p2[x];
            }
            bytes.put(at, row, 0, 3 * n);
        }
    }
}
