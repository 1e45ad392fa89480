package io.trt4j.convert.tf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * Imports and freezes a SavedModel directory: loads it with TensorFlow Java under a tag set (default {@code "serve"}),
 * takes a signature's inputs and outputs (default {@code "serving_default"}), replaces the variables by their saved
 * values and prunes to the outputs. Created by {@link TensorFlowImporter#fromSavedModel(Path)}.
 *
 * <pre>{@code
 * SavedModelImporter.Imported m = TensorFlowImporter.fromSavedModel(dir).signature("serving_default").loadSignature();
 * FrozenGraph g = m.graph();                 // inputs named like "serving_default_x:0"
 * String x = m.inputAliases().get("x");      // the signature's friendly name -> tensor name
 * }</pre>
 *
 * <p>Explicit {@link #inputs}/{@link #outputs} take precedence over the signature. Supported: TF1 {@code VariableV2}
 * variables, and resource variables read by {@code ReadVariableOp}, also inside TF2 function calls
 * ({@code StatefulPartitionedCall}/{@code PartitionedCall} of library functions, inlined first). Variables used other
 * than by {@code ReadVariableOp} (e.g. {@code ResourceGather}) are refused with a {@link ModelImportException}
 * naming the node.
 *
 * <p>Thread-safety: not thread-safe; configure and use a builder on one thread.
 */
public final class SavedModelImporter extends ImportBuilder<SavedModelImporter> {
    /**
     * A frozen signature: the graph plus the signature's friendly names for its inputs and outputs (friendly name to
     * tensor name, e.g. {@code "x" -> "serving_default_x:0"}). Immutable.
     */
    public record Imported(FrozenGraph graph, Map<String, String> inputAliases, Map<String, String> outputAliases) {
        public Imported {
            Objects.requireNonNull(graph, "graph");
            inputAliases = Map.copyOf(inputAliases);
            outputAliases = Map.copyOf(outputAliases);
        }
    }

    private final Path dir;
    private String[] tags = {"serve"};
    private String signature = "serving_default";

    SavedModelImporter(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** The meta graph's tag set (default {@code "serve"}). */
    public SavedModelImporter tags(String... tags) {
        this.tags = tags.clone();
        return this;
    }

    /** The signature key (default {@code "serving_default"}). */
    public SavedModelImporter signature(String key) {
        this.signature = Objects.requireNonNull(key, "key");
        return this;
    }

    /** {@link #loadSignature()}'s graph. */
    @Override
    public FrozenGraph load() throws ModelImportException {
        return loadSignature().graph();
    }

    /**
     * Loads, freezes and validates the signature's graph.
     *
     * @throws ModelImportException if the directory is not a loadable SavedModel or a variable cannot be frozen
     * @throws IllegalArgumentException if the signature or a named tensor does not exist (the message lists candidates)
     */
    public Imported loadSignature() throws ModelImportException {
        if (!Files.isRegularFile(dir.resolve("saved_model.pb")) && !Files.isRegularFile(dir.resolve("saved_model.pbtxt"))) {
            throw new ModelImportException(dir, "not a SavedModel directory: no saved_model.pb");
        }
        SavedModelBundle bundle;
        try {
            bundle = SavedModelBundle.load(dir.toString(), tags);
        } catch (RuntimeException e) {
            throw new ModelImportException(dir, "TensorFlow cannot load the SavedModel with tags "
                    + List.of(tags) + ": " + e.getMessage(), e);
        }
        try (bundle) {
            Map<String, SignatureDef> sigs = bundle.metaGraphDef().getSignatureDefMap();
            Map<String, String> inAliases = new LinkedHashMap<>();
            Map<String, String> outAliases = new LinkedHashMap<>();
            List<String> in = inputs;
            List<String> out = outputs;
            SignatureDef sig = sigs.get(signature);
            if (sig == null && (in == null || out == null)) {
                throw new IllegalArgumentException("SavedModel " + dir + " has no signature '" + signature
                        + "'; signatures: " + sigs.keySet());
            }
            if (sig != null) {
                List<String> sigIn = new ArrayList<>();
                for (Map.Entry<String, TensorInfo> e : sig.getInputsMap().entrySet()) {
                    inAliases.put(e.getKey(), TensorNames.normalize(e.getValue().getName()));
                    sigIn.add(TensorNames.normalize(e.getValue().getName()));
                }
                List<String> sigOut = new ArrayList<>();
                for (Map.Entry<String, TensorInfo> e : sig.getOutputsMap().entrySet()) {
                    outAliases.put(e.getKey(), TensorNames.normalize(e.getValue().getName()));
                    sigOut.add(TensorNames.normalize(e.getValue().getName()));
                }
                in = in != null ? in : sigIn;
                out = out != null ? out : sigOut;
            }
            GraphDef graph = bundle.graph().toGraphDef();
            GraphDef frozen = VariableFreezer.freeze(bundle.session(), graph, in, out, dir);
            FrozenGraph g = GraphFinisher.finish(frozen, dir, in, out, overrides);
            return new Imported(g, inAliases, outAliases);
        }
    }
}
