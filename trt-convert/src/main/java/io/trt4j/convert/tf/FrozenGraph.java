package io.trt4j.convert.tf;

import java.util.List;
import java.util.Objects;
import org.tensorflow.proto.GraphDef;

/**
 * A TensorFlow graph with every variable turned into a constant, pruned to its outputs, with its inputs and outputs
 * named: what every importer produces and what the TF→ONNX converter consumes.
 *
 * <p>Thread-safety: immutable (protobuf messages are immutable).
 *
 * @param graphDef the frozen graph: no variables, no training-only nodes
 * @param inputs the graph's inputs (placeholders), in order
 * @param outputs the graph's outputs, in order
 */
public record FrozenGraph(GraphDef graphDef, List<TensorSpec> inputs, List<TensorSpec> outputs) {
    public FrozenGraph {
        Objects.requireNonNull(graphDef, "graphDef");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
