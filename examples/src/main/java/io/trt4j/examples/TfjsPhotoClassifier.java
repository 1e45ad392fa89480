package io.trt4j.examples;

import io.trt4j.convert.engine.EngineBuilder;
import io.trt4j.convert.onnx.OnnxModel;
import io.trt4j.convert.onnx.TfToOnnxConverter;
import io.trt4j.convert.tf.FrozenGraph;
import io.trt4j.convert.tf.TensorFlowRunner;
import io.trt4j.convert.tf.TensorValue;
import io.trt4j.convert.tfjs.TfjsModel;
import io.trt4j.core.Engine;
import io.trt4j.core.Shape;
import io.trt4j.core.SessionPool;
import io.trt4j.core.TensorRt;
import io.trt4j.image.BatchPreprocessor;
import io.trt4j.image.Normalization;
import io.trt4j.image.Preprocessor;
import io.trt4j.image.TensorLayout;
import io.trt4j.image.post.Labels;
import io.trt4j.image.post.Prediction;
import io.trt4j.image.post.TopK;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real trained TensorFlow.js model on real photos: nsfwjs's MobileNetV2 (uint8-quantized weights, shipped as
 * JavaScript bundles) imported into a TensorFlow graph, converted to ONNX, built into a TensorRT engine (cached), and
 * served by a {@link SessionPool} whose input buffer a {@link BatchPreprocessor} fills in place: photos → 224×224
 * RGB, [0, 1], float32, NHWC (what the model was trained on). Every probability is checked against TensorFlow Java
 * running the imported graph on the CPU.
 *
 * <p>Usage: {@code TfjsPhotoClassifier MODEL_DIR IMAGE...}, where {@code MODEL_DIR} holds {@code model.min.js} and the
 * {@code group1-shard*of*.min.js} bundles ({@code npm pack nsfwjs@4.3.0}, {@code dist/models/mobilenet_v2_mid}; the
 * test fixtures keep them in {@code .fixtures/nsfwjs/mobilenet_v2_mid}) or a {@code model.json}. Writes the ONNX model
 * and the engine cache into {@code tfjs-example/}.
 *
 * <p>Thread-safety: a program.
 */
public final class TfjsPhotoClassifier {
    /** nsfwjs's class names, in output order. */
    private static final Labels LABELS = Labels.of(List.of("Drawing", "Hentai", "Neutral", "Porn", "Sexy"));

    private TfjsPhotoClassifier() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TfjsPhotoClassifier MODEL_DIR|model.json IMAGE...");
            System.exit(2);
        }
        Path model = Path.of(args[0]);
        List<Path> photos = Arrays.stream(args, 1, args.length).map(Path::of).toList();
        Path work = Files.createDirectories(Path.of("tfjs-example"));

        FrozenGraph graph = Files.isDirectory(model) ? TfjsModel.fromJsBundle(model) : TfjsModel.load(model);
        String in = graph.inputs().get(0).name();
        String out = graph.outputs().get(0).name();
        OnnxModel onnx = new TfToOnnxConverter().convert(graph);
        onnx.writeTo(work.resolve("model.onnx"));
        System.out.println(onnx.report());

        // The photos, preprocessed once into a host buffer: the TensorFlow reference reads it as floats.
        Preprocessor pre = Preprocessor.builder(224, 224).normalization(Normalization.ZERO_ONE)
                .layout(TensorLayout.NHWC).build();
        int batch = photos.size();
        Shape shape = Shape.of(pre.shape(batch));
        ByteBuffer pixels = ByteBuffer.allocateDirect((int) (pre.bytesPerImage() * batch)).order(ByteOrder.nativeOrder());
        try (BatchPreprocessor fill = BatchPreprocessor.create(pre)) {
            fill.fillFiles(photos, pixels);
        }
        float[] x = new float[(int) shape.elementCount()];
        pixels.asFloatBuffer().get(x);
        float[] reference = TensorFlowRunner.run(graph, Map.of(in, TensorValue.ofFloats(shape, x))).get(out).toFloats();

        if (!TensorRt.isAvailable()) {
            print("TensorFlow (CPU)", photos, reference);
            System.out.println("TensorRT steps skipped: " + TensorRt.diagnosis());
            return;
        }
        // Batch 1..32, optimised for 8; the plan is reused from tfjs-example/engines on later runs.
        try (Engine engine = EngineBuilder.fromOnnx(onnx)
                .profile(in, shape.withDim(0, 1), shape.withDim(0, 8), shape.withDim(0, Math.max(32, batch)))
                .engineCache(work.resolve("engines")).buildEngine();
             SessionPool pool = SessionPool.builder(engine).size(2).maxBatch(Math.max(32, batch)).build();
             BatchPreprocessor fill = BatchPreprocessor.create(pre)) {
            float[] result = pool.withSession(session -> {
                // the session's pinned input memory, whole, in native order: image i lands at i * bytesPerImage
                ByteBuffer input = session.inputBuffer(in).duplicate().order(ByteOrder.nativeOrder()).clear();
                try {
                    fill.fillFiles(photos, input);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                session.runInPlace(Map.of(in, shape));
                return session.output(out).toFloatArray();
            });
            print("TensorRT", photos, result);
            double maxDiff = 0;
            for (int i = 0; i < result.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(result[i] - reference[i]));
            }
            System.out.printf("TensorRT vs TensorFlow: max abs difference of the probabilities %.2e%n", maxDiff);
        }
    }

    private static void print(String who, List<Path> photos, float[] probabilities) {
        int classes = probabilities.length / photos.size();
        System.out.println(who + ":");
        for (int i = 0; i < photos.size(); i++) {
            float[] row = Arrays.copyOfRange(probabilities, i * classes, (i + 1) * classes);
            List<Prediction> top = TopK.of(row, 2, LABELS);
            System.out.printf("  %-14s %s %.4f, %s %.4f%n", photos.get(i).getFileName(), top.get(0).label(),
                    top.get(0).score(), top.get(1).label(), top.get(1).score());
        }
    }
}
