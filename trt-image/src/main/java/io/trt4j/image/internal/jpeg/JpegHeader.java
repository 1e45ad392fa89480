package io.trt4j.image.internal.jpeg;

/**
 * What {@link JpegHeaderParser} learned from the markers up to the first scan: frame size, components with their
 * sampling factors, tables, restart interval and where the entropy-coded data starts.
 *
 * <p>Thread-safety: immutable after parsing (the arrays are never modified); safe to share.
 */
public final class JpegHeader {
    private final int width;
    private final int height;
    final Component[] components;
    final int maxH;
    final int maxV;
    final int restartInterval;
    final int scanStart;

    /** One frame component as it takes part in the scan. */
    record Component(int id, int h, int v, int[] quant, HuffmanTable dc, HuffmanTable ac) {
    }

    JpegHeader(int width, int height, Component[] components, int restartInterval, int scanStart) {
        this.width = width;
        this.height = height;
        this.components = components;
        this.restartInterval = restartInterval;
        this.scanStart = scanStart;
        int mh = 1;
        int mv = 1;
        for (Component c : components) {
            mh = Math.max(mh, c.h());
            mv = Math.max(mv, c.v());
        }
        this.maxH = mh;
        this.maxV = mv;
    }

    /** Image width in pixels (1..65535). */
    public int width() {
        return width;
    }

    /** Image height in pixels (1..65535). */
    public int height() {
        return height;
    }

    /** 1 (grayscale) or 3 (YCbCr). */
    public int componentCount() {
        return components.length;
    }

    /** Whether this is a three-component image with luma sampled 1x2 and chroma 1x1 (4:4:0). */
    public boolean lumaSampling440() {
        return components.length == 3 && components[0].h() == 1 && components[0].v() == 2;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("JpegHeader[").append(width).append('x').append(height);
        for (Component c : components) {
            sb.append(", ").append(c.h()).append('x').append(c.v());
        }
        return sb.append(", restart ").append(restartInterval).append(']').toString();
    }
}
