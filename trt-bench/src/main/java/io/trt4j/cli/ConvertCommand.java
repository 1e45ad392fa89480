package io.trt4j.cli;

import io.trt4j.convert.onnx.ConverterOptions;
import io.trt4j.convert.onnx.OnnxModel;
import io.trt4j.convert.onnx.TfToOnnxConverter;
import io.trt4j.convert.tf.CheckpointFreezer;
import io.trt4j.convert.tf.FrozenGraph;
import io.trt4j.convert.tf.ImportBuilder;
import io.trt4j.convert.tf.TensorFlowImporter;
import io.trt4j.convert.tfjs.TfjsModel;
import io.trt4j.convert.zoo.ModelZoo;
import io.trt4j.convert.zoo.ZooModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trt4j convert}: a TensorFlow model (frozen GraphDef, SavedModel, TF1 checkpoint, TF.js graph model, or a
 * built-in zoo model) to ONNX opset 17, with a short report.
 *
 * <p>Thread-safety: a command; not for concurrent use.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a TensorFlow model to ONNX (opset 17).")
final class ConvertCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--graph", paramLabel = "FILE", description = "Frozen GraphDef (.pb binary or .pbtxt text).")
        Path graph;
        @Option(names = "--saved-model", paramLabel = "DIR", description = "SavedModel directory (TF1 or TF2).")
        Path savedModel;
        @Option(names = "--checkpoint", paramLabel = "PREFIX",
                description = "TF1 checkpoint prefix (with --meta, default PREFIX.meta): frozen first.")
        String checkpoint;
        @Option(names = "--tfjs", paramLabel = "FILE",
                description = "TF.js graph model: model.json, or a folder of .js bundles (as nsfwjs ships them).")
        Path tfjs;
        @Option(names = "--zoo", paramLabel = "MODEL",
                description = "A built-in model with seeded weights: ${COMPLETION-CANDIDATES}.")
        ZooModel zoo;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--meta", paramLabel = "FILE", description = "MetaGraphDef of --checkpoint.")
    Path meta;
    @Option(names = "--tag", description = "SavedModel tag (default: ${DEFAULT-VALUE}).", defaultValue = "serve")
    String tag;
    @Option(names = "--signature", description = "SavedModel signature (default: ${DEFAULT-VALUE}).",
            defaultValue = "serving_default")
    String signature;
    @Option(names = "--inputs", split = ",", paramLabel = "NAME", description = "Input tensor names (default: inferred).")
    List<String> inputs = new ArrayList<>();
    @Option(names = "--outputs", split = ",", paramLabel = "NAME", description = "Output tensor names (default: inferred).")
    List<String> outputs = new ArrayList<>();
    @Option(names = "--inputs-as-nchw", description = "Expose image inputs as NCHW instead of TensorFlow's NHWC.")
    boolean inputsAsNchw;
    @Option(names = "--seed", description = "Seed of --zoo weights (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "ONNX file to write.")
    Path output;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        FrozenGraph frozen = load();
        long t1 = System.nanoTime();
        OnnxModel onnx = new TfToOnnxConverter(ConverterOptions.builder().inputsAsNchw(inputsAsNchw).build())
                .convert(frozen);
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        onnx.writeTo(output);
        System.out.printf("import: %d TensorFlow nodes in %d ms%n", frozen.graphDef().getNodeCount(), (t1 - t0) / 1_000_000);
        System.out.println("convert: " + onnx.report());
        System.out.println("inputs:  " + onnx.inputs());
        System.out.println("outputs: " + onnx.outputs());
        System.out.printf("wrote %s (%,d bytes)%n", output, Files.size(output));
        return 0;
    }

    private FrozenGraph load() throws Exception {
        if (source.zoo != null) {
            return ModelZoo.build(source.zoo, seed);
        }
        if (source.tfjs != null) {
            return Files.isDirectory(source.tfjs) ? TfjsModel.fromJsBundle(source.tfjs) : TfjsModel.load(source.tfjs);
        }
        ImportBuilder<?> importer;
        if (source.graph != null) {
            importer = TensorFlowImporter.fromGraphDef(source.graph);
        } else if (source.savedModel != null) {
            importer = TensorFlowImporter.fromSavedModel(source.savedModel).tags(tag).signature(signature);
        } else {
            Path metaFile = meta != null ? meta : Path.of(source.checkpoint + ".meta");
            importer = CheckpointFreezer.builder().metaGraph(metaFile).checkpoint(source.checkpoint);
        }
        if (!inputs.isEmpty()) {
            importer.inputs(inputs.toArray(String[]::new));
        }
        if (!outputs.isEmpty()) {
            importer.outputs(outputs.toArray(String[]::new));
        }
        return importer.load();
    }
}
