package io.trt4j.core;

/**
 * No usable GPU: the CUDA driver, a CUDA device or the TensorRT library is missing or too old. The message is
 * {@link TensorRt#diagnosis()}: what is missing and where trt4j looked.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class GpuUnavailableException extends TrtException {
    private static final long serialVersionUID = 1L;

    /** An exception carrying the diagnosis. */
    public GpuUnavailableException(String diagnosis) {
        super("TensorRT is unavailable: " + diagnosis);
    }
}
