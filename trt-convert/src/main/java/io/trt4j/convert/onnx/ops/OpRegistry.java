package io.trt4j.convert.onnx.ops;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * TensorFlow op type to {@link OpHandler}: the set of ops the converter supports.
 *
 * <p>Thread-safety: immutable after construction, safe to share.
 */
public final class OpRegistry {
    private static final OpRegistry DEFAULT = new OpRegistry();

    private final Map<String, OpHandler> handlers;

    private OpRegistry() {
        Map<String, OpHandler> m = new HashMap<>();
        GraphOps.register(m);
        ElementwiseOps.register(m);
        ConvOps.register(m);
        PoolOps.register(m);
        NormOps.register(m);
        ReduceOps.register(m);
        MatMulOps.register(m);
        ResizeOps.register(m);
        ShapeOps.register(m);
        handlers = Collections.unmodifiableMap(m);
    }

    /** The registry of all built-in handlers. */
    public static OpRegistry defaults() {
        return DEFAULT;
    }

    /** The handler of a TensorFlow op type, or {@code null}. */
    public OpHandler handler(String opType) {
        return handlers.get(opType);
    }

    /** The supported TensorFlow op types, sorted. */
    public Set<String> supportedOps() {
        return Collections.unmodifiableSet(new TreeSet<>(handlers.keySet()));
    }
}
