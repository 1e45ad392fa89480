package io.trt4j.image;

/**
 * What decoding does with an alpha channel (RGBA PNG, transparent GIF/PNG palettes, 32-bit BMP).
 * {@link #DROP} keeps the colour samples as stored and ignores alpha (what PIL's {@code convert("RGB")} does).
 * {@link #compositeOn} blends each pixel over an opaque fill colour:
 * {@code out = round((c * a + fill * (255 - a)) / 255)} per channel, with 8-bit non-premultiplied {@code c}, {@code a}.
 *
 * <p>Thread-safety: immutable record, safe to share.
 *
 * @param composite whether to blend over the fill
 * @param fillRed   fill red 0..255 (ignored when not compositing)
 * @param fillGreen fill green 0..255
 * @param fillBlue  fill blue 0..255
 */
public record AlphaPolicy(boolean composite, int fillRed, int fillGreen, int fillBlue) {
    /** Ignore alpha; the default. */
    public static final AlphaPolicy DROP = new AlphaPolicy(false, 0, 0, 0);

    /** Validates the fill values. */
    public AlphaPolicy {
        checkByte("fillRed", fillRed);
        checkByte("fillGreen", fillGreen);
        checkByte("fillBlue", fillBlue);
    }

    /** Blend over the opaque colour (r, g, b), each 0..255; e.g. {@code compositeOn(255, 255, 255)} for white. */
    public static AlphaPolicy compositeOn(int red, int green, int blue) {
        return new AlphaPolicy(true, red, green, blue);
    }

    private static void checkByte(String name, int v) {
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException(name + " must be 0..255, got " + v);
        }
    }
}
