package io.trt4j.core;

import io.trt4j.core.cuda.CudaStream;
import io.trt4j.core.cuda.DeviceBuffer;
import io.trt4j.core.internal.NativeResource;
import io.trt4j.core.internal.TrtContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TensorRT execution context: the per-run state of an {@link Engine} (selected profile, input shapes, tensor
 * addresses, activation memory). The low-level API: bind device memory, set shapes, {@link #enqueue(CudaStream)}.
 * Most users want {@link InferenceSession} instead.
 *
 * <p>Tensor addresses bound with {@link #setTensorAddress(String, DeviceBuffer)} keep their buffers reachable, and
 * {@link #enqueue(CudaStream)} refuses to run if one of them was closed.
 *
 * <p>Lifecycle: keeps its engine alive (the engine refuses to close while this is open).
 *
 * <p>Thread-safety: not thread-safe; use one context per thread (or a {@link SessionPool}). {@code close()} is safe
 * from any thread and waits for a call in progress.
 */
public final class ExecutionContext extends NativeResource {
    private static final AtomicLong IDS = new AtomicLong();

    private final Engine engine;
    private final TrtContext trt;
    private final Map<String, DeviceBuffer> bound = new HashMap<>();
    private DeviceBuffer[] boundArray = new DeviceBuffer[0];
    private int profile;

    ExecutionContext(Engine engine, TrtContext trt, String owner) {
        this(engine, trt, IDS.incrementAndGet(), owner);
    }

    private ExecutionContext(Engine engine, TrtContext trt, long id, String owner) {
        super("ExecutionContext", "#" + id + (owner == null ? "" : " (" + owner + ")"), trt::destroy,
                LeakPolicy.WARN_AND_LEAK);
        this.engine = engine;
        this.trt = trt;
    }

    /** The engine this context runs. */
    public Engine engine() {
        return engine;
    }

    /**
     * Selects optimization profile {@code profile}, queued on {@code stream} (input shapes must be set again).
     *
     * @throws IllegalArgumentException if the profile does not exist
     * @throws TrtException if TensorRT refuses
     */
    public void setOptimizationProfile(int profile, CudaStream stream) {
        engine.checkProfile(profile);
        beginUse();
        try {
            if (!trt.setOptimizationProfile(profile, stream.handle())) {
                throw new TrtException("setOptimizationProfileAsync(" + profile + ") failed on " + this);
            }
            this.profile = profile;
        } finally {
            endUse();
        }
    }

    /** The selected optimization profile. */
    public int optimizationProfile() {
        return profile;
    }

    /**
     * Sets the run-time shape of an input.
     *
     * @throws IllegalArgumentException if the name is unknown or an output, the rank differs, a fixed dimension
     *     differs, or a dimension lies outside the selected profile's min/max (the message names tensor, expected
     *     and given)
     */
    public void setInputShape(String name, Shape shape) {
        Objects.requireNonNull(shape, "shape");
        engine.checkInputShape(name, shape, profile);
        beginUse();
        try {
            if (!trt.setInputShape(name, shape.dimsView())) {
                throw new TrtException("TensorRT rejected shape " + shape + " for input '" + name + "'");
            }
        } finally {
            endUse();
        }
    }

    /**
     * The current shape of a tensor: for inputs what was set, for outputs the result of shape inference once all
     * input shapes are set ({@code -1} where not yet known).
     *
     * @throws IllegalArgumentException for an unknown tensor
     */
    public Shape tensorShape(String name) {
        engine.tensor(name);
        beginUse();
        try {
            long[] d = trt.tensorShape(name);
            if (d == null) {
                throw new TrtException("TensorRT cannot tell the shape of '" + name + "' yet");
            }
            return Shape.of(d);
        } finally {
            endUse();
        }
    }

    /**
     * The shape of an output after shape inference.
     *
     * @throws IllegalArgumentException for an unknown tensor or an input
     */
    public Shape outputShape(String name) {
        if (engine.tensor(name).isInput()) {
            throw new IllegalArgumentException("tensor '" + name + "' is an input, not an output");
        }
        return tensorShape(name);
    }

    /**
     * Binds a device buffer to a tensor. When the tensor's shape is known, the buffer must be large enough.
     *
     * @throws IllegalArgumentException for an unknown tensor or a buffer too small for the current shape
     */
    public void setTensorAddress(String name, DeviceBuffer buffer) {
        TensorInfo info = engine.tensor(name);
        long[] d = null;
        beginUse();
        try {
            if (info.isInput() || trt.allInputShapesSpecified()) {
                d = trt.tensorShape(name);
            }
        } finally {
            endUse();
        }
        if (d != null) {
            long n = 1;
            boolean known = true;
            for (long x : d) {
                if (x < 0) {
                    known = false;
                    break;
                }
                n *= x;
            }
            long need = n * info.dataType().byteSize();
            if (known && buffer.size() < need) {
                throw new IllegalArgumentException("tensor '" + name + "' of shape " + Shape.of(d) + " needs "
                        + need + " bytes; " + buffer + " has " + buffer.size());
            }
        }
        bind(name, buffer.address());
        synchronized (bound) {
            bound.put(name, buffer);
            boundArray = bound.values().toArray(new DeviceBuffer[0]);
        }
    }

    /**
     * Binds a raw device address (from other CUDA code) to a tensor; you keep the memory valid.
     *
     * @throws IllegalArgumentException for an unknown tensor
     */
    public void setTensorAddress(String name, long deviceAddress) {
        engine.tensor(name);
        bind(name, deviceAddress);
        synchronized (bound) {
            if (bound.remove(name) != null) {
                boundArray = bound.values().toArray(new DeviceBuffer[0]);
            }
        }
    }

    private void bind(String name, long address) {
        beginUse();
        try {
            if (!trt.setTensorAddress(name, address)) {
                throw new TrtException("TensorRT rejected address 0x" + Long.toHexString(address) + " for tensor '"
                        + name + "' (device memory must be 256-byte aligned)");
            }
        } finally {
            endUse();
        }
    }

    /** Whether every input has a concrete shape set (dimensions, and values of shape tensors). */
    public boolean allInputShapesSpecified() {
        beginUse();
        try {
            return trt.allInputShapesSpecified();
        } finally {
            endUse();
        }
    }

    /**
     * Queues inference on {@code stream} ({@code enqueueV3}); returns without waiting.
     *
     * @throws IllegalStateException if a bound buffer was closed
     * @throws TrtException if TensorRT refuses (its logged messages are in the message)
     */
    public void enqueue(CudaStream stream) {
        beginUse();
        try {
            enqueueRaw(stream.handle());
        } finally {
            endUse();
        }
    }

    /** Enqueue on a raw stream handle, for sessions (no use counting: the session holds its own). */
    void enqueueRaw(long stream) {
        DeviceBuffer[] buffers = boundArray;
        for (DeviceBuffer b : buffers) {
            if (b.isClosed()) {
                throw new IllegalStateException(b + " bound to " + this + " has been closed");
            }
        }
        List<String> errors = trt.enqueue(stream);
        if (errors != null) {
            throw new TrtException("enqueueV3 failed on " + this
                    + (errors.isEmpty() ? "" : ": " + String.join(" | ", errors)));
        }
    }

    TrtContext trt() {
        return trt;
    }

    void profileSelected(int p) {
        this.profile = p;
    }

    /** Frees the context (idempotent), then lets its engine close. */
    @Override
    public void close() {
        super.close();
        engine.contextClosed(this);
    }
}
