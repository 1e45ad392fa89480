package io.trt4j.core.cuda;

import io.trt4j.core.TrtException;

/**
 * A CUDA runtime call returned an error status.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class CudaException extends TrtException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String operation;

    /**
     * An exception for a failed call.
     *
     * @param code the {@code cudaError_t} value
     * @param operation the call that failed, like {@code cudaMalloc(1048576)}
     * @param errorText {@code cudaGetErrorName: cudaGetErrorString} of the code
     */
    public CudaException(int code, String operation, String errorText) {
        super(operation + " failed with CUDA error " + code + " (" + errorText + ")");
        this.code = code;
        this.operation = operation;
    }

    /** The {@code cudaError_t} value. */
    public int code() {
        return code;
    }

    /** The call that failed. */
    public String operation() {
        return operation;
    }
}
