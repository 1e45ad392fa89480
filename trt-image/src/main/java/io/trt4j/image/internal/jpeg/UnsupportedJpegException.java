package io.trt4j.image.internal.jpeg;

/**
 * The JPEG stream uses a feature the Java decoder does not implement (progressive, arithmetic coding, 12-bit samples,
 * CMYK, an unusual sampling layout, ...). Not an error in the data: the caller decodes it another way.
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class UnsupportedJpegException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what is unsupported, e.g. "progressive JPEG (SOF2)" */
    public UnsupportedJpegException(String message) {
        super(message, null, false, false);
    }
}
