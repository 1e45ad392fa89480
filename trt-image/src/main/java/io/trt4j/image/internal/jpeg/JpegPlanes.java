package io.trt4j.image.internal.jpeg;

import io.trt4j.image.internal.ScratchArrays;

/**
 * A baseline JPEG decoded to its component sample planes, before chroma upsampling and colour conversion: what
 * {@link JpegDecoder#decodePlanes} returns, for a caller that resizes each plane at its own resolution and converts
 * to RGB afterwards (fewer samples to filter and to convert than with {@link JpegDecoder#decodeScaled}'s RGB image).
 *
 * <p>Geometry: the image is {@link #width()} x {@link #height()} pixels (the scaled size, as
 * {@link JpegDecoder#scaledSizeByEighths}). Plane {@code c} covers the same area with {@link #xRatio(int)} x
 * {@link #yRatio(int)} of the image's resolution (1 for luma; 1/2 for subsampled chroma): its sample {@code i} is
 * centred at image coordinate {@code (i + 0.5) / ratio} (JFIF's centred chroma siting), where image pixel {@code x}
 * spans {@code [x, x + 1)}. Samples are unsigned bytes 0..255 (Y, Cb, Cr as in the file, or one gray plane), row
 * {@code y} of plane {@code c} at {@code plane(c)[y * stride(c)]}, valid for {@code planeWidth(c) x planeHeight(c)}.
 *
 * <p>Thread-safety: not thread-safe; owned by one caller, which gives the planes back with {@link #release} when
 * done.
 */
public final class JpegPlanes {
    private final int width;
    private final int height;
    private final byte[][] planes;
    private final int[] stride;
    private final int[] planeWidth;
    private final int[] planeHeight;
    private final double[] xRatio;
    private final double[] yRatio;
    private final ScratchArrays scratch;

    JpegPlanes(int width, int height, byte[][] planes, int[] stride, int[] planeWidth, int[] planeHeight,
            double[] xRatio, double[] yRatio, ScratchArrays scratch) {
        this.width = width;
        this.height = height;
        this.planes = planes;
        this.stride = stride;
        this.planeWidth = planeWidth;
        this.planeHeight = planeHeight;
        this.xRatio = xRatio;
        this.yRatio = yRatio;
        this.scratch = scratch;
    }

    /** The image width in pixels. */
    public int width() {
        return width;
    }

    /** The image height in pixels. */
    public int height() {
        return height;
    }

    /** 1 (gray) or 3 (Y, Cb, Cr). */
    public int components() {
        return planes.length;
    }

    /** Component {@code c}'s samples (unsigned bytes, rows of {@link #stride(int)}). */
    public byte[] plane(int c) {
        return planes[c];
    }

    /** Bytes from one row of plane {@code c} to the next. */
    public int stride(int c) {
        return stride[c];
    }

    /** Valid samples per row of plane {@code c}. */
    public int planeWidth(int c) {
        return planeWidth[c];
    }

    /** Valid rows of plane {@code c}. */
    public int planeHeight(int c) {
        return planeHeight[c];
    }

    /** Plane {@code c}'s horizontal resolution relative to the image's: {@code h / maxH} (1 for luma). */
    public double xRatio(int c) {
        return xRatio[c];
    }

    /** Plane {@code c}'s vertical resolution relative to the image's: {@code v / maxV} (1 for luma). */
    public double yRatio(int c) {
        return yRatio[c];
    }

    /**
     * Gives the planes back to the spare arrays they came from (if any); the planes must not be used afterwards.
     * Call once.
     */
    public void release() {
        if (scratch != null) {
            for (byte[] p : planes) {
                scratch.give(p);
            }
        }
    }
}
