package io.trt4j.convert.onnx.passes;

import io.trt4j.convert.onnx.ir.OnnxGraph;

/**
 * A rewrite of the ONNX graph that keeps what the graph computes.
 *
 * <p>Thread-safety: implementations are stateless; a graph is rewritten by one thread.
 */
public interface Pass {
    /** Rewrites {@code graph} in place; returns whether anything changed. */
    boolean run(OnnxGraph graph);

    /** A short name for logs. */
    default String name() {
        return getClass().getSimpleName();
    }
}
