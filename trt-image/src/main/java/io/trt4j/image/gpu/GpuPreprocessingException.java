package io.trt4j.image.gpu;

/**
 * A CUDA driver, runtime or NVRTC call of the GPU preprocessing path failed. Carries the status code and the
 * operation. (Becomes trt-core's {@code CudaException} once that is available.)
 *
 * <p>Thread-safety: immutable after construction.
 */
public class GpuPreprocessingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String operation;

    /** @param operation the failing call, @param code its status, @param message details */
    public GpuPreprocessingException(String operation, int code, String message) {
        super(operation + " failed with status " + code + ": " + message);
        this.code = code;
        this.operation = operation;
    }

    /** The CUDA/NVRTC status code. */
    public int code() {
        return code;
    }

    /** The call that failed. */
    public String operation() {
        return operation;
    }
}
