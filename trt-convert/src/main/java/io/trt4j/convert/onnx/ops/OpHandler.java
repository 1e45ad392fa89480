package io.trt4j.convert.onnx.ops;

import org.tensorflow.proto.NodeDef;

/**
 * Converts one TensorFlow node into ONNX nodes, writing the ONNX values named after the node's TensorFlow outputs
 * ({@code node:0}, {@code node:1}, ...) or aliasing them to other values.
 *
 * <p>Thread-safety: implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface OpHandler {
    /** Converts {@code node}, adding ONNX nodes and constants to {@code ctx}. */
    void convert(ConversionContext ctx, NodeDef node);
}
