package io.trt4j.core;

/**
 * Root of trt4j's unchecked exceptions: a TensorRT call failed, or the native runtime is in a state that prevents the
 * requested operation.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class TrtException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public TrtException(String message) {
        super(message);
    }

    /** An exception with a message and a cause. */
    public TrtException(String message, Throwable cause) {
        super(message, cause);
    }
}
