package io.trt4j.core.internal;

import io.trt4j.core.DataType;
import io.trt4j.core.EngineLoadException;
import java.nio.ByteBuffer;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IExecutionContext;
import org.bytedeco.tensorrt.nvinfer.IHostMemory;
import org.bytedeco.tensorrt.nvinfer.IRuntime;

/**
 * A deserialized TensorRT engine and the runtime that made it (the runtime must outlive the engine). Wraps the
 * JavaCPP calls {@code io.trt4j.core.Engine} needs.
 *
 * <p>Thread-safety: the query methods are thread-safe ({@code ICudaEngine} is immutable once built); {@link #destroy()}
 * must not race with anything.
 */
public final class TrtEngine {
    private IRuntime runtime;
    private ICudaEngine engine;

    private TrtEngine(IRuntime runtime, ICudaEngine engine) {
        this.runtime = runtime;
        this.engine = engine;
    }

    /**
     * Deserializes a plan.
     *
     * @param plan the plan bytes: a direct buffer (from position to limit), or null with {@code bytes}
     * @param bytes the plan bytes when {@code plan} is null
     * @throws EngineLoadException with TensorRT's logged messages when TensorRT returns no engine
     */
    public static TrtEngine deserialize(ByteBuffer plan, byte[] bytes) {
        Natives.require();
        IRuntime runtime = null;
        int token = TrtLogging.beginCapture();
        boolean capturing = true;
        List<String> messages;
        BytePointer copy = null;
        try {
            runtime = nvinfer.createInferRuntime(TrtLogging.logger());
            if (runtime == null || runtime.isNull() || hasError(TrtLogging.peekCapture(token))) {
                messages = TrtLogging.endCapture(token);
                capturing = false;
                runtime = null; // a runtime that logged errors may be half-made: leak it rather than delete it
                throw new EngineLoadException("createInferRuntime failed", messages);
            }
            ICudaEngine engine;
            if (plan != null) {
                // JavaCPP wraps a direct buffer in place: address of element 0, position = the buffer's position.
                BytePointer p = new BytePointer(plan);
                engine = runtime.deserializeCudaEngine(p, plan.remaining());
            } else {
                copy = new BytePointer(bytes);
                engine = runtime.deserializeCudaEngine(copy, bytes.length);
            }
            messages = TrtLogging.endCapture(token);
            capturing = false;
            if (engine == null || engine.isNull()) {
                throw new EngineLoadException("TensorRT could not deserialize the plan ("
                        + (plan != null ? plan.remaining() : bytes.length)
                        + " bytes): corrupt or truncated, or built by another TensorRT version or for another GPU",
                        messages);
            }
            TrtEngine out = new TrtEngine(runtime, engine);
            runtime = null;
            return out;
        } finally {
            if (capturing) {
                TrtLogging.endCapture(token);
            }
            if (copy != null) {
                copy.close();
            }
            if (runtime != null) {
                NativeDelete.delete(runtime);
            }
        }
    }

    private static boolean hasError(List<String> messages) {
        for (String m : messages) {
            if (m.startsWith("ERROR")) {
                return true;
            }
        }
        return false;
    }

    /** Number of IO tensors. */
    public int ioCount() {
        return engine.getNbIOTensors();
    }

    /** Name of IO tensor {@code i}. */
    public String ioName(int i) {
        return engine.getIOTensorName(i);
    }

    /** Whether the tensor is an input (else an output). */
    public boolean isInput(String name) {
        return engine.getTensorIOMode(name).intern() == nvinfer.TensorIOMode.kINPUT;
    }

    /** trt4j data type of a tensor. */
    public DataType dataType(String name) {
        return TrtTypes.fromTrt(engine.getTensorDataType(name), name);
    }

    /** Engine-level shape of a tensor ({@code -1} for dynamic dimensions). */
    public long[] shape(String name) {
        return TrtTypes.dims(engine.getTensorShape(name));
    }

    /** TensorRT's description of the tensor's format. */
    public String formatDesc(String name) {
        String s = engine.getTensorFormatDesc(name);
        return s == null ? "" : s;
    }

    /** Whether the tensor uses the linear (row-major) format. */
    public boolean isLinear(String name) {
        return engine.getTensorFormat(name).intern() == nvinfer.TensorFormat.kLINEAR;
    }

    /** Whether the tensor lives on the host (shape tensors) rather than the device. */
    public boolean isHostTensor(String name) {
        return engine.getTensorLocation(name).intern() == nvinfer.TensorLocation.kHOST;
    }

    /** Number of optimization profiles. */
    public int profileCount() {
        return engine.getNbOptimizationProfiles();
    }

    /**
     * Profile dimensions of an input.
     *
     * @param which 0 = min, 1 = opt, 2 = max
     */
    public long[] profileShape(String name, int profile, int which) {
        nvinfer.OptProfileSelector sel = which == 0 ? nvinfer.OptProfileSelector.kMIN
                : which == 1 ? nvinfer.OptProfileSelector.kOPT : nvinfer.OptProfileSelector.kMAX;
        return TrtTypes.dims(engine.getProfileShape(name, profile, sel));
    }

    /** Device memory an execution context needs (all profiles). */
    public long deviceMemorySize() {
        return engine.getDeviceMemorySizeV2();
    }

    /** Number of layers. */
    public int layerCount() {
        return engine.getNbLayers();
    }

    /** Engine name. */
    public String name() {
        String s = engine.getName();
        return s == null ? "" : s;
    }

    /** The serialized plan. */
    public byte[] serialize() {
        IHostMemory mem = engine.serialize();
        if (mem == null || mem.isNull()) {
            throw new io.trt4j.core.TrtException("ICudaEngine.serialize returned null");
        }
        try {
            long size = mem.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new io.trt4j.core.TrtException("plan of " + size + " bytes does not fit a byte[]");
            }
            byte[] out = new byte[(int) size];
            new BytePointer(mem.data()).capacity(size).limit(size).get(out);
            return out;
        } finally {
            NativeDelete.delete(mem);
        }
    }

    /**
     * Creates an execution context.
     *
     * @throws io.trt4j.core.TrtException with TensorRT's messages when it fails (out of device memory, ...)
     */
    public TrtContext createContext() {
        int token = TrtLogging.beginCapture();
        IExecutionContext ctx;
        List<String> messages;
        try {
            ctx = engine.createExecutionContext();
        } finally {
            messages = TrtLogging.endCapture(token);
        }
        if (ctx == null || ctx.isNull()) {
            throw new io.trt4j.core.TrtException("createExecutionContext failed"
                    + (messages.isEmpty() ? "" : ": " + String.join(" | ", messages)));
        }
        return new TrtContext(ctx);
    }

    /** Deletes the engine, then the runtime. Idempotent. */
    public void destroy() {
        if (engine != null) {
            NativeDelete.delete(engine);
            engine = null;
        }
        if (runtime != null) {
            NativeDelete.delete(runtime);
            runtime = null;
        }
    }
}
