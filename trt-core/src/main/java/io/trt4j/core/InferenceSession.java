package io.trt4j.core;

import io.trt4j.core.cuda.CudaStream;
import io.trt4j.core.cuda.DeviceBuffer;
import io.trt4j.core.cuda.PinnedBuffer;
import io.trt4j.core.internal.Cuda;
import io.trt4j.core.internal.NativeResource;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The everyday way to run an engine: one execution context, one CUDA stream, and for every IO tensor a device buffer
 * and a pinned host buffer sized once for the profile's largest shapes and reused by every run.
 *
 * <p>Two ways to run:
 * <ul>
 *   <li>{@link #run(Map)}: give host {@link Tensor}s by input name, get new output tensors (shaped by TensorRT's shape
 *       inference) that you own.</li>
 *   <li>The allocation-free path: write inputs into {@link #inputBuffer(String)} (pinned memory, row-major, element 0
 *       at index 0), call {@link #runInPlace(Shape...)} with the input shapes, read {@link #outputShape(String)} and
 *       {@link #outputBuffer(String)} (valid until the next run).</li>
 * </ul>
 * With {@link Builder#useCudaGraph(boolean)}, the copy-in, inference and copy-out of each distinct set of input
 * shapes is captured into a CUDA graph on its second run and replayed afterwards.
 *
 * <p>Every input is validated: unknown or missing names, data type, rank, fixed dimensions, the profile's min/max
 * and the session's {@code maxBatch} give an {@link IllegalArgumentException} naming the tensor, expected and given.
 *
 * <p>The session lives on the calling thread's current CUDA device at {@code build()}; runs from any thread switch
 * that thread to it.
 *
 * <p>Thread-safety: thread-safe but serial: concurrent calls queue on an internal lock (use a {@link SessionPool}
 * for parallelism). Views from {@code inputBuffer}/{@code outputBuffer}/{@code output} are shared memory: don't
 * use them while another thread runs this session, nor after {@link #close()}. {@code close()} waits for the run in
 * progress and frees everything.
 */
public final class InferenceSession extends NativeResource {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceSession.class);
    private static final AtomicLong IDS = new AtomicLong();

    /**
     * Session options.
     *
     * @param profile optimization profile to use
     * @param maxBatch cap on dimension 0 of dynamic-batch inputs (buffers are sized for it), or 0 for the
     *     profile's max
     * @param useCudaGraph capture and replay a CUDA graph per distinct set of input shapes
     */
    public record Options(int profile, int maxBatch, boolean useCudaGraph) {
    }

    /**
     * Fluent builder; native resources are created only in {@link #build()}.
     *
     * <p>Thread-safety: not thread-safe.
     */
    public static final class Builder {
        private final Engine engine;
        private int profile;
        private int maxBatch;
        private boolean useCudaGraph;
        private Executor executor;

        private Builder(Engine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /** Optimization profile (default 0). */
        public Builder profile(int profile) {
            this.profile = profile;
            return this;
        }

        /** Largest batch (dimension 0 of inputs whose dimension 0 is dynamic); default: the profile's max. */
        public Builder maxBatch(int maxBatch) {
            if (maxBatch < 1) {
                throw new IllegalArgumentException("maxBatch must be >= 1, not " + maxBatch);
            }
            this.maxBatch = maxBatch;
            return this;
        }

        /** Capture and replay CUDA graphs per distinct input-shape set (default false). */
        public Builder useCudaGraph(boolean useCudaGraph) {
            this.useCudaGraph = useCudaGraph;
            return this;
        }

        /** Executor for {@link #submit(Map)}; default: a daemon thread owned by the session. */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** The options as configured. */
        public Options options() {
            return new Options(profile, maxBatch, useCudaGraph);
        }

        /**
         * Creates the context, stream and buffers.
         *
         * @throws IllegalArgumentException for a bad profile or maxBatch
         * @throws TrtException if native allocation fails (a {@link io.trt4j.core.cuda.CudaException} for CUDA
         *     errors); nothing leaks
         */
        public InferenceSession build() {
            return new InferenceSession(engine, options(), executor);
        }
    }

    /** Per-tensor state. */
    private static final class Binding {
        final TensorInfo info;
        final boolean input;
        final DeviceBuffer device;
        final PinnedBuffer pinned;
        final long deviceAddress;
        final long pinnedAddress;
        final ByteBuffer view;
        final Shape maxShape;
        Shape shape;
        long bytes;

        Binding(TensorInfo info, Shape maxShape, DeviceBuffer device, PinnedBuffer pinned) {
            this.info = info;
            this.input = info.isInput();
            this.maxShape = maxShape;
            this.device = device;
            this.pinned = pinned;
            this.deviceAddress = device.address();
            this.pinnedAddress = pinned.address();
            this.view = pinned.asByteBuffer();
        }
    }

    /** A captured graph for one input-shape set. */
    private static final class Graph {
        long graph;
        long exec;
        boolean failed;
    }

    private final Engine engine;
    private final Options options;
    private final ExecutionContext context;
    private final CudaStream stream;
    private final long streamHandle;
    private final int device;
    private final Binding[] inputs;
    private final Binding[] outputs;
    private final Map<String, Binding> byName = new HashMap<>();
    private final List<String> inputNames;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<List<Shape>, Graph> graphs = new HashMap<>();
    private final Shape[] lastShapes;
    private Graph lastGraph;
    private boolean shapesValid;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private boolean built;

    private InferenceSession(Engine engine, Options options, Executor executor) {
        super("InferenceSession", "#" + IDS.incrementAndGet(), () -> { }, LeakPolicy.WARN_AND_LEAK);
        this.engine = engine;
        this.options = options;
        List<AutoCloseable> created = new ArrayList<>();
        try {
            io.trt4j.core.internal.Natives.require();
            engine.ensureUsable();
            engine.checkProfile(options.profile());
            this.device = Cuda.currentDevice();
            this.context = engine.newContext("session " + name());
            created.add(context);
            this.stream = CudaStream.create();
            created.add(stream);
            this.streamHandle = stream.handle();
            if (options.profile() != 0) {
                context.setOptimizationProfile(options.profile(), stream);
                stream.synchronize();
            }
            List<TensorInfo> ins = engine.inputs();
            Shape[] maxIn = new Shape[ins.size()];
            for (int i = 0; i < maxIn.length; i++) {
                TensorInfo in = ins.get(i);
                ProfileShapes p = engine.profileShapes(in.name(), options.profile());
                Shape max = p.max();
                if (options.maxBatch() > 0 && in.shape().rank() > 0 && in.shape().dim(0) == Shape.DYNAMIC) {
                    if (options.maxBatch() < p.min().dim(0)) {
                        throw new IllegalArgumentException("maxBatch " + options.maxBatch() + " is below input '"
                                + in.name() + "' profile minimum batch " + p.min().dim(0));
                    }
                    max = max.withDim(0, Math.min(max.dim(0), options.maxBatch()));
                }
                maxIn[i] = max;
                context.setInputShape(in.name(), max);
            }
            List<Binding> inB = new ArrayList<>();
            List<Binding> outB = new ArrayList<>();
            for (TensorInfo t : engine.tensors()) {
                if (!engine.isLinear(t.name())) {
                    throw new IllegalArgumentException("tensor '" + t.name() + "' uses format '" + t.format()
                            + "'; InferenceSession handles linear (row-major) device tensors only: use "
                            + "ExecutionContext directly");
                }
                Shape max = t.isInput() ? maxIn[ins.indexOf(t)] : context.tensorShape(t.name());
                if (max.isDynamic()) {
                    throw new IllegalArgumentException("output '" + t.name() + "' has a data-dependent shape " + max
                            + "; InferenceSession needs shapes computable from input shapes");
                }
                long bytes = Math.max(1, max.elementCount() * t.dataType().byteSize());
                DeviceBuffer d = DeviceBuffer.allocate(bytes);
                created.add(d);
                PinnedBuffer h = PinnedBuffer.allocate(bytes);
                created.add(h);
                context.setTensorAddress(t.name(), d);
                Binding b = new Binding(t, max, d, h);
                (t.isInput() ? inB : outB).add(b);
                byName.put(t.name(), b);
            }
            this.inputs = inB.toArray(new Binding[0]);
            this.outputs = outB.toArray(new Binding[0]);
            this.inputNames = ins.stream().map(TensorInfo::name).collect(Collectors.toUnmodifiableList());
            this.lastShapes = new Shape[inputs.length];
            if (executor == null) {
                String threadName = "trt4j-session-" + name().substring(1);
                this.ownedExecutor = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, threadName);
                    t.setDaemon(true);
                    return t;
                });
                this.executor = ownedExecutor;
            } else {
                this.ownedExecutor = null;
                this.executor = executor;
            }
            built = true;
        } catch (RuntimeException | Error e) {
            Collections.reverse(created);
            for (AutoCloseable c : created) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            super.close();
            throw e;
        }
    }

    /** A builder of a session on {@code engine}. */
    public static Builder builder(Engine engine) {
        return new Builder(engine);
    }

    /** The engine. */
    public Engine engine() {
        return engine;
    }

    /** The options this session was built with. */
    public Options options() {
        return options;
    }

    /** Input names in the order {@link #runInPlace(Shape...)} expects shapes. */
    public List<String> inputNames() {
        return inputNames;
    }

    /** The largest shape of a tensor this session's buffers hold. */
    public Shape maxShape(String name) {
        return binding(name).maxShape;
    }

    /**
     * Runs inference on host tensors: copies them into pinned memory, to the device, runs, copies outputs back, and
     * waits.
     *
     * @param inputs one tensor per engine input, by name
     * @return new output tensors by name (engine order), owned by the caller
     * @throws IllegalArgumentException for unknown or missing inputs, or a wrong dtype, rank or shape
     */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        beginUse();
        try {
            return runCounted(inputs);
        } finally {
            endUse();
        }
    }

    /** {@link #run(Map)} for a caller that already holds a use. */
    private Map<String, Tensor> runCounted(Map<String, Tensor> inputs) {
        lock.lock();
        try {
            for (String key : inputs.keySet()) {
                Binding b = byName.get(key);
                if (b == null || !b.input) {
                    throw new IllegalArgumentException((b == null ? "unknown input '" : "'")
                            + key + (b == null ? "'" : "' is an output, not an input")
                            + "; expected inputs: " + describeInputs());
                }
            }
            Shape[] shapes = new Shape[this.inputs.length];
            for (int i = 0; i < this.inputs.length; i++) {
                Binding b = this.inputs[i];
                Tensor t = inputs.get(b.info.name());
                if (t == null) {
                    throw new IllegalArgumentException("missing input '" + b.info.name() + "' ("
                            + b.info.dataType() + b.info.shape() + "); expected inputs: " + describeInputs());
                }
                if (t.dataType() != b.info.dataType()) {
                    throw new IllegalArgumentException("input '" + b.info.name() + "' expects " + b.info.dataType()
                            + ", given " + t.dataType() + t.shape());
                }
                checkShape(b, t.shape());
                shapes[i] = t.shape();
            }
            for (int i = 0; i < this.inputs.length; i++) {
                Binding b = this.inputs[i];
                ByteBuffer src = inputs.get(b.info.name()).buffer();
                ByteBuffer dst = b.view.duplicate();
                dst.clear();
                dst.put(src);
            }
            execute(shapes);
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Binding b : outputs) {
                Tensor t = Tensor.allocate(b.info.dataType(), b.shape);
                ByteBuffer src = b.view.duplicate();
                src.clear().limit((int) b.bytes);
                t.buffer().put(src);
                out.put(b.info.name(), t);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@link #run(Map)} on the session's executor. The input tensors must not change until the future
     * completes. {@link #close()} waits for submitted runs.
     */
    public CompletableFuture<Map<String, Tensor>> submit(Map<String, Tensor> inputs) {
        Map<String, Tensor> copy = Map.copyOf(inputs);
        beginUse();
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return runCounted(copy);
                } finally {
                    endUse();
                }
            }, executor);
        } catch (RuntimeException e) {
            endUse();
            throw e;
        }
    }

    /**
     * The pinned input buffer of {@code name}: native order, row-major, element 0 at index 0; the same object every
     * call, holding {@code maxShape(name)} elements. The session ignores its position and limit.
     */
    public ByteBuffer inputBuffer(String name) {
        Binding b = binding(name);
        if (!b.input) {
            throw new IllegalArgumentException("tensor '" + name + "' is an output; use outputBuffer");
        }
        ensureOpen();
        return b.view;
    }

    /**
     * A tensor view of the pinned input buffer of {@code name} with {@code shape}: fill it, then
     * {@link #runInPlace(Shape...)} with the same shape.
     *
     * @throws IllegalArgumentException if the shape does not fit the engine, profile or session
     */
    public Tensor input(String name, Shape shape) {
        Binding b = binding(name);
        if (!b.input) {
            throw new IllegalArgumentException("tensor '" + name + "' is an output, not an input");
        }
        checkShape(b, shape);
        ensureOpen();
        return Tensor.wrap(b.view, b.info.dataType(), shape);
    }

    /**
     * Runs on what was written into the input buffers, with these input shapes (engine input order, see
     * {@link #inputNames()}), and waits. Allocation-free when the shapes are the same as the previous run's.
     *
     * @throws IllegalArgumentException if the count of shapes or a shape is wrong
     */
    public void runInPlace(Shape... inputShapes) {
        if (inputShapes.length != inputs.length) {
            throw new IllegalArgumentException("expected " + inputs.length + " input shapes (for " + inputNames
                    + "), given " + inputShapes.length);
        }
        beginUse();
        lock.lock();
        try {
            for (int i = 0; i < inputs.length; i++) {
                checkShape(inputs[i], Objects.requireNonNull(inputShapes[i], "shape"));
            }
            execute(inputShapes);
        } finally {
            lock.unlock();
            endUse();
        }
    }

    /** {@link #runInPlace(Shape...)} with shapes by input name. */
    public void runInPlace(Map<String, Shape> inputShapes) {
        for (String key : inputShapes.keySet()) {
            Binding b = byName.get(key);
            if (b == null || !b.input) {
                throw new IllegalArgumentException("unknown input '" + key + "'; expected inputs: "
                        + describeInputs());
            }
        }
        Shape[] shapes = new Shape[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            shapes[i] = inputShapes.get(inputs[i].info.name());
            if (shapes[i] == null) {
                throw new IllegalArgumentException("missing shape for input '" + inputs[i].info.name() + "'");
            }
        }
        runInPlace(shapes);
    }

    /** The shape of a tensor in the last run (outputs: as inferred by TensorRT). */
    public Shape outputShape(String name) {
        Binding b = binding(name);
        if (b.shape == null) {
            throw new IllegalStateException("no run yet on " + this);
        }
        return b.shape;
    }

    /**
     * The pinned output buffer of {@code name} (the same object every call; native order, row-major, holding
     * {@link #outputShape(String)} elements from index 0 after a run, valid until the next run).
     */
    public ByteBuffer outputBuffer(String name) {
        Binding b = binding(name);
        if (b.input) {
            throw new IllegalArgumentException("tensor '" + name + "' is an input; use inputBuffer");
        }
        ensureOpen();
        return b.view;
    }

    /** A tensor view of an output after {@link #runInPlace(Shape...)} (shared pinned memory, valid until the next run). */
    public Tensor output(String name) {
        Binding b = binding(name);
        if (b.input) {
            throw new IllegalArgumentException("tensor '" + name + "' is an input, not an output");
        }
        ensureOpen();
        return Tensor.wrap(b.view, b.info.dataType(), outputShape(name));
    }

    private Binding binding(String name) {
        Binding b = byName.get(name);
        if (b == null) {
            throw new IllegalArgumentException("unknown tensor '" + name + "'; session tensors: " + byName.keySet());
        }
        return b;
    }

    private String describeInputs() {
        return Arrays.stream(inputs).map(b -> b.info.name() + " " + b.info.dataType() + b.info.shape())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private void checkShape(Binding b, Shape shape) {
        engine.checkInputShape(b.info.name(), shape, options.profile());
        for (int i = 0; i < shape.rank(); i++) {
            if (shape.dim(i) > b.maxShape.dim(i)) {
                throw new IllegalArgumentException("input '" + b.info.name() + "' shape " + shape
                        + " exceeds the session's largest shape " + b.maxShape
                        + (options.maxBatch() > 0 ? " (maxBatch " + options.maxBatch() + ")" : ""));
            }
        }
    }

    /** Under the lock, shapes validated. */
    private void execute(Shape[] shapes) {
        Cuda.ensureDevice(device);
        boolean changed = !shapesValid || !Arrays.equals(shapes, lastShapes);
        if (changed) {
            shapesValid = false;
            for (int i = 0; i < inputs.length; i++) {
                Binding b = inputs[i];
                if (!context.trt().setInputShape(b.info.name(), shapes[i].dimsView())) {
                    throw new TrtException("TensorRT rejected shape " + shapes[i] + " for input '" + b.info.name()
                            + "'");
                }
                b.shape = shapes[i];
                b.bytes = shapes[i].elementCount() * b.info.dataType().byteSize();
            }
            for (Binding b : outputs) {
                long[] d = context.trt().tensorShape(b.info.name());
                Shape s = d == null ? null : Shape.of(d);
                if (s == null || s.isDynamic()) {
                    throw new TrtException("TensorRT could not infer the shape of output '" + b.info.name()
                            + "' for input shapes " + Arrays.toString(shapes));
                }
                b.shape = s;
                b.bytes = s.elementCount() * b.info.dataType().byteSize();
                if (b.bytes > b.device.size()) {
                    throw new TrtException("output '" + b.info.name() + "' of shape " + s + " needs " + b.bytes
                            + " bytes, more than the " + b.device.size() + " sized for the profile maximum");
                }
            }
            System.arraycopy(shapes, 0, lastShapes, 0, shapes.length);
            shapesValid = true;
            lastGraph = null;
        }
        if (!options.useCudaGraph()) {
            runEager();
            return;
        }
        Graph g = lastGraph;
        if (g == null) {
            List<Shape> key = List.of(shapes);
            g = graphs.get(key);
            if (g == null) {
                // first run of these shapes: eager (TensorRT wants one enqueue before capture), then capture
                runEager();
                g = capture();
                graphs.put(key, g);
                lastGraph = g;
                return;
            }
            lastGraph = g;
        }
        if (g.failed) {
            runEager();
            return;
        }
        Cuda.graphLaunch(g.exec, streamHandle);
        Cuda.streamSynchronize(streamHandle);
    }

    private void queueWork() {
        for (Binding b : inputs) {
            if (b.bytes > 0) {
                Cuda.memcpyAsync(b.deviceAddress, b.pinnedAddress, b.bytes, Cuda.HOST_TO_DEVICE, streamHandle);
            }
        }
        context.enqueueRaw(streamHandle);
        for (Binding b : outputs) {
            if (b.bytes > 0) {
                Cuda.memcpyAsync(b.pinnedAddress, b.deviceAddress, b.bytes, Cuda.DEVICE_TO_HOST, streamHandle);
            }
        }
    }

    private void runEager() {
        try {
            queueWork();
        } finally {
            Cuda.streamSynchronize(streamHandle);
        }
    }

    private Graph capture() {
        Graph g = new Graph();
        boolean capturing = false;
        try {
            Cuda.beginCapture(streamHandle);
            capturing = true;
            queueWork();
            capturing = false;
            g.graph = Cuda.endCapture(streamHandle);
            g.exec = Cuda.graphInstantiate(g.graph);
        } catch (RuntimeException e) {
            if (capturing) {
                try {
                    g.graph = Cuda.endCapture(streamHandle);
                } catch (RuntimeException ignored) {
                    // the capture was invalidated; nothing to keep
                }
            }
            try {
                Cuda.graphDestroy(g.graph, g.exec);
            } catch (RuntimeException ignored) {
                // best effort
            }
            g.graph = 0;
            g.exec = 0;
            g.failed = true;
            LOG.warn("{}: CUDA graph capture failed for input shapes {}; running without a graph for them",
                    this, Arrays.toString(lastShapes), e);
        }
        return g;
    }

    /** Number of CUDA graphs captured so far (0 without {@code useCudaGraph}). */
    public int graphCount() {
        lock.lock();
        try {
            return (int) graphs.values().stream().filter(g -> !g.failed).count();
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void onClose() {
        if (!built) {
            return;
        }
        try {
            Cuda.streamSynchronize(streamHandle);
        } catch (RuntimeException e) {
            LOG.warn("{}: synchronizing the stream at close failed", this, e);
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
        for (Graph g : graphs.values()) {
            try {
                Cuda.graphDestroy(g.graph, g.exec);
            } catch (RuntimeException e) {
                LOG.warn("{}: destroying a CUDA graph failed", this, e);
            }
        }
        graphs.clear();
        context.close();
        for (Binding b : byName.values()) {
            b.device.close();
            b.pinned.close();
        }
        stream.close();
    }
}
