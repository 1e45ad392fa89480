package io.trt4j.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.trt4j.convert.engine.EngineBuilder;
import io.trt4j.convert.engine.Plan;
import io.trt4j.convert.engine.Precision;
import io.trt4j.convert.onnx.OnnxModel;
import io.trt4j.convert.onnx.TfToOnnxConverter;
import io.trt4j.convert.tf.FrozenGraph;
import io.trt4j.convert.tf.TensorFlowRunner;
import io.trt4j.convert.tf.TensorValue;
import io.trt4j.convert.zoo.ModelZoo;
import io.trt4j.convert.zoo.ZooModel;
import io.trt4j.core.Engine;
import io.trt4j.core.InferenceSession;
import io.trt4j.core.Shape;
import io.trt4j.core.Tensor;
import io.trt4j.core.TensorRt;
import io.trt4j.image.Preprocessor;
import io.trt4j.image.RgbImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trt4j demo}, the main job on a built-in default: a TensorFlow model (Inception v3 from the zoo, seeded
 * weights, built with TensorFlow Java) is converted to ONNX, checked with ONNX Runtime against TensorFlow, built into
 * a TensorRT engine (where a GPU is usable), run through an {@link InferenceSession} and checked against TensorFlow
 * again. Without a GPU the TensorRT step is skipped with the diagnosis.
 *
 * <p>Thread-safety: a command; not for concurrent use.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "TensorFlow -> ONNX -> TensorRT -> JVM on a built-in model, checked against TensorFlow at every step.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "INCEPTION_V3", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ZooModel model;
    @Option(names = "--image", paramLabel = "FILE", description = "Photo to classify (default: a generated test card).")
    Path image;
    @Option(names = "--precision", defaultValue = "TF32", description = "TensorRT precision (default: ${DEFAULT-VALUE}).")
    Precision precision;
    @Option(names = "--workdir", defaultValue = "trt4j-demo", description = "Where the .onnx and .plan go (default: ${DEFAULT-VALUE}).")
    Path workdir;
    @Option(names = "--seed", defaultValue = "42", description = "Weight seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(workdir);
        String name = model.name().toLowerCase(java.util.Locale.ROOT);
        step("1. build %s with TensorFlow Java ops (seed %d)", model.displayName(), seed);
        long t = System.nanoTime();
        FrozenGraph frozen = ModelZoo.build(model, seed);
        done(t, "%d nodes", frozen.graphDef().getNodeCount());

        step("2. convert to ONNX opset 17");
        t = System.nanoTime();
        OnnxModel onnx = new TfToOnnxConverter().convert(frozen);
        Path onnxFile = workdir.resolve(name + ".onnx");
        onnx.writeTo(onnxFile);
        done(t, "%s -> %s", onnx.report(), onnxFile);

        int size = model.inputSize();
        Preprocessor pre = Preprocessor.inceptionV3().build();
        if (size != pre.width()) {
            pre = Preprocessor.builder(size, size).normalization(io.trt4j.image.Normalization.INCEPTION)
                    .layout(io.trt4j.image.TensorLayout.NHWC).build();
        }
        ByteBuffer pixels = ByteBuffer.allocateDirect((int) pre.bytesPerImage()).order(ByteOrder.nativeOrder());
        String source;
        if (image != null) {
            pre.write(image, pixels, 0);
            source = image.toString();
        } else {
            pre.write(testCard(size), pixels, 0);
            source = "a generated test card";
        }
        float[] input = new float[(int) pre.elementsPerImage()];
        pixels.asFloatBuffer().get(input);
        Shape shape = Shape.of(1, size, size, 3);
        String in = onnx.inputs().get(0).name();
        String out = ModelZoo.PREDICTIONS;

        step("3. TensorFlow (reference) on %s, NHWC float32 in [-1,1]", source);
        t = System.nanoTime();
        float[] reference = TensorFlowRunner.run(frozen, Map.of(in, TensorValue.ofFloats(shape, input))).get(out).toFloats();
        done(t, "top-5 %s", Arrays.toString(top5(reference)));

        step("4. ONNX Runtime (CPU) on the converted model");
        t = System.nanoTime();
        float[] ort = runOrt(onnx.toByteArray(), in, out, input, shape.toArray());
        done(t, "rel L2 %.2e, max abs %.2e vs TensorFlow; top-5 %s", relL2(ort, reference), maxAbs(ort, reference),
                Arrays.toString(top5(ort)));

        step("5. TensorRT engine (%s) and InferenceSession", precision);
        if (!TensorRt.isAvailable()) {
            System.out.println("   skipped: " + TensorRt.diagnosis());
            return 0;
        }
        t = System.nanoTime();
        Plan plan = EngineBuilder.fromOnnx(onnx.toByteArray()).precision(precision)
                .profile(in, shape, shape, shape.withDim(0, 8)).engineCache(workdir.resolve("engines")).build();
        Path planFile = workdir.resolve(name + ".plan");
        plan.writeTo(planFile);
        done(t, "%s -> %s", plan, planFile);
        try (Engine engine = Engine.load(plan.bytes());
             InferenceSession session = InferenceSession.builder(engine).maxBatch(8).build()) {
            Map<String, Tensor> feeds = Map.of(in, Tensor.of(input, shape));
            float[] trt = session.run(feeds).get(out).toFloatArray();
            long[] nanos = new long[200];
            for (int i = 0; i < nanos.length; i++) {
                long s = System.nanoTime();
                session.run(feeds);
                nanos[i] = System.nanoTime() - s;
            }
            Arrays.sort(nanos);
            System.out.printf("   %s: rel L2 %.2e, max abs %.2e vs TensorFlow; top-5 %s; batch 1 median %.3f ms "
                            + "(host tensors in and out, every copy included)%n", TensorRt.version(),
                    relL2(trt, reference), maxAbs(trt, reference), Arrays.toString(top5(trt)), nanos[nanos.length / 2] / 1e6);
        }
        return 0;
    }

    private static float[] runOrt(byte[] model, String in, String out, float[] input, long[] shape) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
             OrtSession.Result result = session.run(Map.of(in, tensor))) {
            OnnxTensor o = (OnnxTensor) result.get(out).orElseThrow();
            FloatBuffer fb = o.getFloatBuffer();
            float[] values = new float[fb.remaining()];
            fb.get(values);
            return values;
        }
    }

    /** A deterministic colour test card (gradients and a disc), HWC RGB. */
    private static RgbImage testCard(int size) {
        byte[] px = new byte[size * size * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = (y * size + x) * 3;
                double dx = x - size / 2.0;
                double dy = y - size / 2.0;
                boolean disc = dx * dx + dy * dy < size * size / 9.0;
                px[i] = (byte) (disc ? 230 : x * 255 / size);
                px[i + 1] = (byte) (disc ? 40 : y * 255 / size);
                px[i + 2] = (byte) ((x + y) * 127 / size);
            }
        }
        return RgbImage.wrap(size, size, px);
    }

    static int[] top5(float[] p) {
        return io.trt4j.image.post.TopK.indices(p, 5);
    }

    static double relL2(float[] a, float[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - (double) b[i]) * (a[i] - (double) b[i]);
            den += (double) b[i] * b[i];
        }
        return Math.sqrt(num / Math.max(den, 1e-30));
    }

    static double maxAbs(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - (double) b[i]));
        }
        return m;
    }

    private static void step(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }

    private static void done(long startNanos, String format, Object... args) {
        System.out.printf("   " + format + " (%d ms)%n", concat(args, (System.nanoTime() - startNanos) / 1_000_000));
    }

    private static Object[] concat(Object[] args, Object last) {
        Object[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }
}
