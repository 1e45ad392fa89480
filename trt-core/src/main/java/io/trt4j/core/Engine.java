package io.trt4j.core;

import io.trt4j.core.internal.NativeResource;
import io.trt4j.core.internal.Natives;
import io.trt4j.core.internal.TrtEngine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A deserialized TensorRT engine (plan): IO tensor metadata, optimization profiles, and the factory of
 * {@link ExecutionContext}s and {@link InferenceSession}s.
 *
 * <p>Lifecycle: contexts and sessions keep their engine alive; {@link #close()} fails with an
 * {@link IllegalStateException} listing the contexts still open, and otherwise frees the engine (waiting for calls in
 * progress). An engine garbage-collected unclosed is reported with its creation site and leaked.
 *
 * <p>Thread-safety: thread-safe. Metadata is immutable; contexts can be created from several threads.
 */
public final class Engine extends NativeResource {
    private static final AtomicLong IDS = new AtomicLong();
    /** A plan shorter than this cannot be a TensorRT engine. */
    static final int MIN_PLAN_BYTES = 64;

    private final TrtEngine trt;
    private final List<TensorInfo> tensors;
    private final List<TensorInfo> inputs;
    private final List<TensorInfo> outputs;
    private final Map<String, TensorInfo> byName;
    private final Set<String> linear;
    private final int profileCount;
    private final Map<String, ProfileShapes[]> profiles;
    private final long deviceMemorySize;
    private final int layerCount;
    private final Set<ExecutionContext> openContexts = new LinkedHashSet<>();

    private Engine(TrtEngine trt, String name) {
        super("Engine", name, trt::destroy, LeakPolicy.WARN_AND_LEAK);
        this.trt = trt;
        try {
            List<TensorInfo> all = new ArrayList<>();
            Map<String, TensorInfo> map = new LinkedHashMap<>();
            Set<String> lin = new java.util.HashSet<>();
            int n = trt.ioCount();
            for (int i = 0; i < n; i++) {
                String t = trt.ioName(i);
                TensorInfo info = new TensorInfo(t, trt.isInput(t) ? TensorIoMode.INPUT : TensorIoMode.OUTPUT,
                        trt.dataType(t), Shape.of(trt.shape(t)), trt.formatDesc(t));
                all.add(info);
                map.put(t, info);
                if (trt.isLinear(t) && !trt.isHostTensor(t)) {
                    lin.add(t);
                }
            }
            this.tensors = List.copyOf(all);
            this.inputs = all.stream().filter(TensorInfo::isInput).collect(Collectors.toUnmodifiableList());
            this.outputs = all.stream().filter(t -> !t.isInput()).collect(Collectors.toUnmodifiableList());
            this.byName = Collections.unmodifiableMap(map);
            this.linear = Set.copyOf(lin);
            this.profileCount = Math.max(1, trt.profileCount());
            Map<String, ProfileShapes[]> prof = new LinkedHashMap<>();
            for (TensorInfo in : inputs) {
                ProfileShapes[] ps = new ProfileShapes[profileCount];
                for (int p = 0; p < profileCount; p++) {
                    if (!in.shape().isDynamic()) {
                        ps[p] = new ProfileShapes(in.shape(), in.shape(), in.shape());
                        continue;
                    }
                    long[] min = trt.profileShape(in.name(), p, 0);
                    long[] opt = trt.profileShape(in.name(), p, 1);
                    long[] max = trt.profileShape(in.name(), p, 2);
                    ps[p] = min == null || max == null || min.length != in.shape().rank()
                            ? new ProfileShapes(in.shape(), in.shape(), in.shape())
                            : new ProfileShapes(Shape.of(min), Shape.of(opt == null ? max : opt), Shape.of(max));
                }
                prof.put(in.name(), ps);
            }
            this.profiles = prof;
            this.deviceMemorySize = trt.deviceMemorySize();
            this.layerCount = trt.layerCount();
        } catch (RuntimeException | Error e) {
            super.close();
            throw e;
        }
    }

    /**
     * Loads a plan file.
     *
     * @throws IOException if the file cannot be read
     * @throws EngineLoadException if TensorRT rejects the plan (message includes TensorRT's own)
     * @throws GpuUnavailableException without a usable GPU
     */
    public static Engine load(Path plan) throws IOException {
        Natives.require();
        byte[] bytes = Files.readAllBytes(plan);
        return load(bytes, "#" + IDS.incrementAndGet() + " (" + plan.getFileName() + ")", plan.toString());
    }

    /**
     * Loads a plan from bytes.
     *
     * @throws EngineLoadException if the bytes are empty, truncated, corrupt, or from another TensorRT or GPU
     * @throws GpuUnavailableException without a usable GPU
     */
    public static Engine load(byte[] plan) {
        Objects.requireNonNull(plan, "plan");
        Natives.require();
        return load(plan, "#" + IDS.incrementAndGet(), "byte[" + plan.length + "]");
    }

    /**
     * Loads a plan from the remaining bytes of a buffer (position to limit; the position is not changed). A direct
     * buffer is read in place.
     *
     * @throws EngineLoadException if the bytes are empty, truncated, corrupt, or from another TensorRT or GPU
     * @throws GpuUnavailableException without a usable GPU
     */
    public static Engine load(ByteBuffer plan) {
        Objects.requireNonNull(plan, "plan");
        Natives.require();
        String name = "#" + IDS.incrementAndGet();
        checkPlanSize(plan.remaining(), "ByteBuffer");
        if (!plan.isDirect()) {
            byte[] bytes = new byte[plan.remaining()];
            plan.duplicate().get(bytes);
            return new Engine(TrtEngine.deserialize(null, bytes), name);
        }
        return new Engine(TrtEngine.deserialize(plan.duplicate(), null), name);
    }

    private static Engine load(byte[] plan, String name, String source) {
        checkPlanSize(plan.length, source);
        return new Engine(TrtEngine.deserialize(null, plan), name);
    }

    private static void checkPlanSize(long size, String source) {
        if (size == 0) {
            throw new EngineLoadException("plan " + source + " is empty (0 bytes)", List.of());
        }
        if (size < MIN_PLAN_BYTES) {
            throw new EngineLoadException("plan " + source + " is truncated: " + size
                    + " bytes, a TensorRT plan has at least " + MIN_PLAN_BYTES, List.of());
        }
    }

    /** All IO tensors in TensorRT's order. */
    public List<TensorInfo> tensors() {
        return tensors;
    }

    /** Input tensors in TensorRT's order. */
    public List<TensorInfo> inputs() {
        return inputs;
    }

    /** Output tensors in TensorRT's order. */
    public List<TensorInfo> outputs() {
        return outputs;
    }

    /**
     * The IO tensor named {@code name}.
     *
     * @throws IllegalArgumentException if there is none (the message lists the engine's tensors)
     */
    public TensorInfo tensor(String name) {
        TensorInfo t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown tensor '" + name + "'; engine tensors: " + byName.keySet());
        }
        return t;
    }

    /** Whether an IO tensor of that name exists. */
    public boolean hasTensor(String name) {
        return byName.containsKey(name);
    }

    /** Number of optimization profiles (at least 1). */
    public int profileCount() {
        return profileCount;
    }

    /**
     * The min/opt/max shapes profile {@code profile} allows for input {@code input}. For an input without dynamic
     * dimensions all three equal its shape.
     *
     * @throws IllegalArgumentException for an unknown input, an output, or a profile out of range
     */
    public ProfileShapes profileShapes(String input, int profile) {
        TensorInfo t = tensor(input);
        if (!t.isInput()) {
            throw new IllegalArgumentException("tensor '" + input + "' is an output; profiles constrain inputs");
        }
        checkProfile(profile);
        return profiles.get(input)[profile];
    }

    /** @throws IllegalStateException if closed */
    void ensureUsable() {
        ensureOpen();
    }

    void checkProfile(int profile) {
        if (profile < 0 || profile >= profileCount) {
            throw new IllegalArgumentException("profile " + profile + " does not exist; the engine has "
                    + profileCount + " (0.." + (profileCount - 1) + ")");
        }
    }

    /** Device memory one execution context needs for activations, in bytes. */
    public long deviceMemorySize() {
        return deviceMemorySize;
    }

    /** Number of layers after TensorRT's fusions. */
    public int layerCount() {
        return layerCount;
    }

    /** The engine as plan bytes (loadable with {@link #load(byte[])} on the same TensorRT version and GPU kind). */
    public byte[] serialize() {
        beginUse();
        try {
            return trt.serialize();
        } finally {
            endUse();
        }
    }

    /**
     * Creates an execution context (with its own activation memory) using profile 0.
     *
     * @throws TrtException if TensorRT cannot create one (out of device memory, ...)
     */
    public ExecutionContext newContext() {
        return newContext(null);
    }

    ExecutionContext newContext(String owner) {
        beginUse();
        try {
            ExecutionContext ctx = new ExecutionContext(this, trt.createContext(), owner);
            synchronized (openContexts) {
                openContexts.add(ctx);
            }
            return ctx;
        } finally {
            endUse();
        }
    }

    /** A builder of an {@link InferenceSession} on this engine. */
    public InferenceSession.Builder newSession() {
        return InferenceSession.builder(this);
    }

    void contextClosed(ExecutionContext ctx) {
        synchronized (openContexts) {
            openContexts.remove(ctx);
        }
    }

    /** Names of the contexts open now. */
    public List<String> openContexts() {
        synchronized (openContexts) {
            return openContexts.stream().map(ExecutionContext::toString).collect(Collectors.toUnmodifiableList());
        }
    }

    boolean isLinear(String tensor) {
        return linear.contains(tensor);
    }

    /**
     * Checks a concrete input shape against the engine and a profile.
     *
     * @throws IllegalArgumentException naming the tensor, what was expected and what was given
     */
    void checkInputShape(String name, Shape shape, int profile) {
        TensorInfo info = byName.get(name);
        if (info == null) {
            throw new IllegalArgumentException("unknown input '" + name + "'; engine inputs: "
                    + inputs.stream().map(TensorInfo::name).collect(Collectors.toList()));
        }
        if (!info.isInput()) {
            throw new IllegalArgumentException("tensor '" + name + "' is an output, not an input");
        }
        Shape declared = info.shape();
        if (shape.rank() != declared.rank()) {
            throw new IllegalArgumentException("input '" + name + "' expects rank " + declared.rank() + " (shape "
                    + declared + "), given shape " + shape + " of rank " + shape.rank());
        }
        ProfileShapes p = profiles.get(name)[profile];
        for (int i = 0; i < shape.rank(); i++) {
            long d = shape.dim(i);
            if (d < 0) {
                throw new IllegalArgumentException("input '" + name + "' needs a concrete shape, given " + shape);
            }
            long want = declared.dim(i);
            if (want != Shape.DYNAMIC && want != d) {
                throw new IllegalArgumentException("input '" + name + "' expects shape " + declared + ", given "
                        + shape + " (dimension " + i + " must be " + want + ")");
            }
            if (d < p.min().dim(i) || d > p.max().dim(i)) {
                throw new IllegalArgumentException("input '" + name + "' shape " + shape + " is outside profile "
                        + profile + " (" + p + "): dimension " + i + " is " + d + ", allowed "
                        + p.min().dim(i) + ".." + p.max().dim(i));
            }
        }
    }

    /** @throws IllegalStateException if execution contexts are still open (listed in the message) */
    @Override
    protected void checkClosable() {
        synchronized (openContexts) {
            if (!openContexts.isEmpty()) {
                throw new IllegalStateException("Engine " + name() + " has " + openContexts.size()
                        + " open execution context(s): " + openContexts.stream().map(ExecutionContext::toString)
                        .collect(Collectors.joining(", ")) + "; close them (or their sessions) first");
            }
        }
    }

    /**
     * Frees the engine; idempotent.
     *
     * @throws IllegalStateException if execution contexts are still open (the engine stays usable)
     */
    @Override
    public void close() {
        super.close();
    }
}
