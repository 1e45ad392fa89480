package io.trt4j.image;

/**
 * The header of an image declares more pixels than the decoder's limit allows; nothing was decoded
 * (guards against decompression bombs).
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class ImageTooLargeException extends ImageDecodeException {
    private static final long serialVersionUID = 1L;
    private final long pixels;
    private final long maxPixels;

    /** @param width declared width, @param height declared height, @param maxPixels the limit exceeded */
    public ImageTooLargeException(String source, int width, int height, long maxPixels) {
        super(source, "declares " + width + "x" + height + " = " + ((long) width * height)
                + " pixels, more than the limit of " + maxPixels);
        this.pixels = (long) width * height;
        this.maxPixels = maxPixels;
    }

    /** Pixels the header declares. */
    public long pixels() {
        return pixels;
    }

    /** The limit that was exceeded. */
    public long maxPixels() {
        return maxPixels;
    }
}
