package io.trt4j.image;

import java.io.IOException;

/**
 * An image could not be decoded: truncated, corrupt, empty or otherwise unreadable data. The message names the
 * source (a path, or the name the caller gave for bytes and streams).
 *
 * <p>Thread-safety: immutable after construction.
 */
public class ImageDecodeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String source;

    /** @param source what was being decoded (path or caller-supplied name); {@code message} says what is wrong */
    public ImageDecodeException(String source, String message) {
        super(source + ": " + message);
        this.source = source;
    }

    /** As {@link #ImageDecodeException(String, String)}, keeping the underlying failure. */
    public ImageDecodeException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.source = source;
    }

    /** The path or caller-supplied name of the image that failed. */
    public String source() {
        return source;
    }
}
