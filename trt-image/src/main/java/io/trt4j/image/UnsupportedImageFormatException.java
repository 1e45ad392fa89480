package io.trt4j.image;

/**
 * The data is not JPEG, PNG, BMP or GIF (recognised by their signatures), or is one of them in a variant the
 * JDK decoders cannot read (for example a CMYK JPEG).
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class UnsupportedImageFormatException extends ImageDecodeException {
    private static final long serialVersionUID = 1L;

    /** @param source what was being decoded, @param message what was found */
    public UnsupportedImageFormatException(String source, String message) {
        super(source, message);
    }

    /** As above, keeping the decoder's own failure. */
    public UnsupportedImageFormatException(String source, String message, Throwable cause) {
        super(source, message, cause);
    }
}
