package io.trt4j.convert.tf;

import java.nio.file.Path;
import java.util.Objects;
import org.tensorflow.proto.GraphDef;

/**
 * Entry point of TensorFlow model import. Each method returns a builder; its {@code load()} gives a
 * {@link FrozenGraph}.
 *
 * <ul>
 *   <li>{@link #fromGraphDef(Path)}: frozen {@code .pb} or {@code .pbtxt};
 *   <li>{@link #fromSavedModel(Path)}: SavedModel directory, by tag and signature;
 *   <li>{@link CheckpointFreezer#builder()}: {@code .meta} + checkpoint;
 *   <li>{@code io.trt4j.convert.tfjs.TfjsModel}: TF.js graph models.
 * </ul>
 *
 * <p>Thread-safety: stateless, safe to use from any thread; the builders are not.
 */
public final class TensorFlowImporter {
    private TensorFlowImporter() {
    }

    /** A frozen GraphDef file: binary {@code .pb}, or text format if named {@code .pbtxt}/{@code .txt}. */
    public static GraphDefImporter fromGraphDef(Path file) {
        return new GraphDefImporter(Objects.requireNonNull(file, "file"), null);
    }

    /** An in-memory constant-only GraphDef. */
    public static GraphDefImporter fromGraphDef(GraphDef graph) {
        return new GraphDefImporter(null, Objects.requireNonNull(graph, "graph"));
    }

    /** A SavedModel directory (the one holding {@code saved_model.pb} and {@code variables/}). */
    public static SavedModelImporter fromSavedModel(Path dir) {
        return new SavedModelImporter(dir);
    }
}
