package io.trt4j.core.internal;

import java.util.List;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.IExecutionContext;

/**
 * A TensorRT execution context. Wraps the JavaCPP calls {@code io.trt4j.core.ExecutionContext} needs, reusing one
 * {@code Dims64} and one pointer object so the run path allocates nothing on the Java heap.
 *
 * <p>Thread-safety: not thread-safe (neither is {@code IExecutionContext}); the owner serializes calls.
 */
public final class TrtContext {
    private IExecutionContext ctx;
    private final Dims64 dims = new Dims64();
    private final Cuda.RawPointer address = new Cuda.RawPointer();

    TrtContext(IExecutionContext ctx) {
        this.ctx = ctx;
    }

    /** {@code setInputShape}; false when TensorRT rejects the shape. */
    public boolean setInputShape(String name, long[] shape) {
        return ctx.setInputShape(name, TrtTypes.fill(dims, shape));
    }

    /** Current shape of a tensor (outputs after shape inference), or null when TensorRT cannot tell yet. */
    public long[] tensorShape(String name) {
        return TrtTypes.dims(ctx.getTensorShape(name));
    }

    /** {@code setTensorAddress}; false when TensorRT rejects it. */
    public boolean setTensorAddress(String name, long deviceAddress) {
        return ctx.setTensorAddress(name, address.at(deviceAddress));
    }

    /** {@code setOptimizationProfileAsync}; false when TensorRT rejects it. */
    public boolean setOptimizationProfile(int profile, long stream) {
        return ctx.setOptimizationProfileAsync(profile, Cuda.stream(stream));
    }

    /** Index of the selected optimization profile. */
    public int optimizationProfile() {
        return ctx.getOptimizationProfile();
    }

    /**
     * Whether every dynamic input dimension ({@code allInputDimensionsSpecified}) and every input shape-tensor value
     * ({@code allInputShapesSpecified}) has been set.
     */
    public boolean allInputShapesSpecified() {
        return ctx.allInputDimensionsSpecified() && ctx.allInputShapesSpecified();
    }

    /**
     * {@code enqueueV3} capturing TensorRT's messages.
     *
     * @return null on success, else TensorRT's messages (maybe empty)
     */
    public List<String> enqueue(long stream) {
        int token = TrtLogging.beginCapture();
        boolean ok;
        List<String> messages;
        try {
            ok = ctx.enqueueV3(Cuda.stream(stream));
        } finally {
            messages = TrtLogging.endCapture(token);
        }
        return ok ? null : messages;
    }

    /** Deletes the context. Idempotent. */
    public void destroy() {
        if (ctx != null) {
            NativeDelete.delete(ctx);
            ctx = null;
            dims.close();
        }
    }
}
