package io.trt4j.image.internal.jpeg;

/**
 * The JPEG stream is damaged or truncated where libjpeg would stop with an error or warn (bad table, bad Huffman
 * code, entropy data ending early, a missing or wrong restart marker, ...). The message says what and where.
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class CorruptJpegException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where, e.g. "truncated entropy data in scan at MCU row 12" */
    public CorruptJpegException(String message) {
        super(message, null, false, false);
    }
}
