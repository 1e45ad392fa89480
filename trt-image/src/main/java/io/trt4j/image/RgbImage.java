package io.trt4j.image;

import java.util.Objects;

/**
 * An 8-bit RGB image held as interleaved HWC bytes: pixel (x, y) channel c (0 = R, 1 = G, 2 = B) is at
 * {@code pixels[(y * width + x) * 3 + c]}, each byte an unsigned value 0..255. Grayscale sources are stored with
 * R = G = B.
 *
 * <p>Thread-safety: the class never mutates its array after construction, so an instance may be shared between
 * threads as long as nobody writes to the array passed to {@link #wrap} or returned by {@link #pixels()}.
 */
public final class RgbImage {
    /** Channels per pixel: always 3 (R, G, B). */
    public static final int CHANNELS = 3;

    private final int width;
    private final int height;
    private final byte[] pixels;

    private RgbImage(int width, int height, byte[] pixels) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /**
     * Wraps (does not copy) interleaved RGB bytes.
     *
     * @param width  pixels per row, &gt; 0
     * @param height rows, &gt; 0
     * @param pixels HWC RGB uint8, exactly {@code width * height * 3} bytes
     * @throws IllegalArgumentException if a size is not positive or the array length does not match
     */
    public static RgbImage wrap(int width, int height, byte[] pixels) {
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        long expected = (long) width * height * CHANNELS;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB image needs " + expected
                    + " bytes, got " + pixels.length);
        }
        return new RgbImage(width, height, pixels);
    }

    /** Pixels per row. */
    public int width() {
        return width;
    }

    /** Number of rows. */
    public int height() {
        return height;
    }

    /** The backing HWC RGB uint8 array (not a copy; do not modify). */
    public byte[] pixels() {
        return pixels;
    }

    /** Value 0..255 of channel {@code c} (0 = R, 1 = G, 2 = B) at column {@code x}, row {@code y}. */
    public int get(int x, int y, int c) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        Objects.checkIndex(c, CHANNELS);
        return pixels[(y * width + x) * CHANNELS + c] & 0xFF;
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
