package io.trt4j.convert.tf;

import java.nio.file.Path;
import org.tensorflow.proto.GraphDef;

/**
 * Imports a frozen GraphDef: a binary {@code .pb} file, a text-format {@code .pbtxt} file, or an in-memory
 * {@link GraphDef}. Created by {@link TensorFlowImporter#fromGraphDef(Path)}.
 *
 * <pre>{@code
 * FrozenGraph g = TensorFlowImporter.fromGraphDef(Path.of("inception_v3.pb"))
 *         .inputs("input:0").outputs("InceptionV3/Predictions/Reshape_1:0")
 *         .inputShape("input:0", Shape.of(-1, 299, 299, 3))
 *         .load();
 * }</pre>
 *
 * <p>The graph must already be constant-only (variables frozen); use {@link CheckpointFreezer} or
 * {@link SavedModelImporter} otherwise. Calls to the graph's library functions are inlined.
 *
 * <p>Thread-safety: not thread-safe; configure and use a builder on one thread.
 */
public final class GraphDefImporter extends ImportBuilder<GraphDefImporter> {
    private final Path file;
    private final GraphDef graph;

    GraphDefImporter(Path file, GraphDef graph) {
        this.file = file;
        this.graph = graph;
    }

    /**
     * Reads, prunes to the outputs and validates the graph.
     *
     * @throws ModelImportException if the file is missing, corrupt or truncated, or TensorFlow rejects the graph
     * @throws IllegalArgumentException if an input or output name is not in the graph (the message lists candidates)
     */
    @Override
    public FrozenGraph load() throws ModelImportException {
        GraphDef g = graph != null ? graph : GraphDefFiles.readGraphDef(file);
        if (FunctionInliner.hasCalls(g)) {
            g = FunctionInliner.inline(g, file);
        }
        FrozenGraph frozen = GraphFinisher.finish(g, file, inputs, outputs, overrides);
        for (var n : frozen.graphDef().getNodeList()) {
            if (VariableFreezer.VARIABLE_OPS.contains(n.getOp())) {
                throw new ModelImportException(file, "node '" + n.getName() + "' is a " + n.getOp()
                        + ": the graph is not frozen; import it with CheckpointFreezer or SavedModelImporter");
            }
        }
        return frozen;
    }
}
