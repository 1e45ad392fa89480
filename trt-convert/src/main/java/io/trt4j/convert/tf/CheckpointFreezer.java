package io.trt4j.convert.tf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.types.TString;

/**
 * The classic TF1 {@code freeze_graph}: a {@code .meta} MetaGraphDef plus a checkpoint (variables prefix, e.g.
 * {@code model.ckpt-1000} for {@code model.ckpt-1000.index} and {@code .data-*}) become a {@link FrozenGraph}; write it
 * with {@link FrozenGraphs#write}.
 *
 * <pre>{@code
 * FrozenGraph g = CheckpointFreezer.builder()
 *         .metaGraph(Path.of("model.ckpt-1000.meta"))
 *         .checkpoint("/models/run1/model.ckpt-1000")
 *         .outputs("logits:0")
 *         .freeze();
 * FrozenGraphs.write(g, Path.of("frozen.pb"));
 * }</pre>
 *
 * <p>The variables are restored by running the meta graph's saver (its restore op, with the prefix fed to its
 * filename tensor); without a saver_def, TensorFlow Java's {@link Session#restore} is used. {@code VariableV2} and
 * {@code ReadVariableOp} reads of {@code VarHandleOp} variables are both frozen.
 *
 * <p>Thread-safety: not thread-safe; configure and use a builder on one thread.
 */
public final class CheckpointFreezer extends ImportBuilder<CheckpointFreezer> {
    private Path metaGraph;
    private String checkpoint;

    private CheckpointFreezer() {
    }

    /** A new freezer; set {@link #metaGraph} and {@link #checkpoint}. */
    public static CheckpointFreezer builder() {
        return new CheckpointFreezer();
    }

    /** The {@code .meta} file (binary MetaGraphDef; text format if named {@code .pbtxt}). */
    public CheckpointFreezer metaGraph(Path file) {
        this.metaGraph = Objects.requireNonNull(file, "file");
        return this;
    }

    /** The checkpoint prefix: the path of the {@code .index} file without {@code .index}. */
    public CheckpointFreezer checkpoint(String prefix) {
        this.checkpoint = Objects.requireNonNull(prefix, "prefix");
        return this;
    }

    /** The checkpoint prefix as a path. */
    public CheckpointFreezer checkpoint(Path prefix) {
        return checkpoint(prefix.toString());
    }

    /**
     * Restores the checkpoint, freezes the variables and prunes to the outputs.
     *
     * @throws ModelImportException if the meta graph is corrupt, the checkpoint is missing or does not match, or a
     *     variable cannot be frozen
     * @throws IllegalArgumentException if a named tensor does not exist (the message lists candidates)
     */
    /** Same as {@link #freeze()}. */
    @Override
    public FrozenGraph load() throws ModelImportException {
        return freeze();
    }

    public FrozenGraph freeze() throws ModelImportException {
        if (metaGraph == null || checkpoint == null) {
            throw new IllegalStateException("set both metaGraph(...) and checkpoint(...)");
        }
        MetaGraphDef.Builder mb = MetaGraphDef.newBuilder();
        GraphDefFiles.read(metaGraph, mb, "MetaGraphDef");
        MetaGraphDef meta = mb.build();
        GraphDef graphDef = meta.getGraphDef();
        if (graphDef.getNodeCount() == 0) {
            throw new ModelImportException(metaGraph, "MetaGraphDef has no graph nodes: empty, truncated or not a "
                    + ".meta file");
        }
        Path index = Path.of(checkpoint + ".index");
        if (!Files.isRegularFile(index)) {
            throw new ModelImportException(index, "checkpoint index not found for prefix '" + checkpoint + "'");
        }
        try (Graph graph = GraphFinisher.importGraph(graphDef, metaGraph); Session session = new Session(graph)) {
            restore(graph, session, meta.getSaverDef());
            GraphDef frozen = VariableFreezer.freeze(session, graphDef, inputs, outputs, metaGraph);
            return GraphFinisher.finish(frozen, metaGraph, inputs, outputs, overrides);
        }
    }

    private void restore(Graph graph, Session session, SaverDef saver) throws ModelImportException {
        try {
            if (saver.getRestoreOpName().isEmpty()) {
                session.restore(checkpoint);
                return;
            }
            String filename = TensorNames.normalize(saver.getFilenameTensorName());
            if (graph.operation(TensorNames.node(filename)) == null
                    || graph.operation(TensorNames.node(saver.getRestoreOpName())) == null) {
                throw new ModelImportException(metaGraph, "saver_def names '" + filename + "' and '"
                        + saver.getRestoreOpName() + "', which are not both in the graph");
            }
            try (TString prefix = TString.scalarOf(checkpoint)) {
                session.runner().feed(TensorNames.node(filename), TensorNames.index(filename), prefix)
                        .addTarget(TensorNames.node(saver.getRestoreOpName())).run().close();
            }
        } catch (RuntimeException e) {
            throw new ModelImportException(Path.of(checkpoint), "cannot restore the checkpoint into the meta graph "
                    + metaGraph.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
