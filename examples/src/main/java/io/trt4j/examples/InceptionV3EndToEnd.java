package io.trt4j.examples;

import io.trt4j.convert.engine.EngineBuilder;
import io.trt4j.convert.engine.Plan;
import io.trt4j.convert.onnx.OnnxModel;
import io.trt4j.convert.onnx.TfToOnnxConverter;
import io.trt4j.convert.tf.FrozenGraph;
import io.trt4j.convert.tf.FrozenGraphs;
import io.trt4j.convert.tf.TensorFlowImporter;
import io.trt4j.convert.tf.TensorFlowRunner;
import io.trt4j.convert.tf.TensorValue;
import io.trt4j.convert.zoo.ModelZoo;
import io.trt4j.core.Engine;
import io.trt4j.core.ExecutionContext;
import io.trt4j.core.Shape;
import io.trt4j.core.TensorRt;
import io.trt4j.core.cuda.CudaStream;
import io.trt4j.core.cuda.DeviceBuffer;
import io.trt4j.core.cuda.PinnedBuffer;
import io.trt4j.image.Preprocessor;
import io.trt4j.image.post.Labels;
import io.trt4j.image.post.Prediction;
import io.trt4j.image.post.TopK;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Inception v3 end to end, the classic TensorRT workflow step by step on today's API:
 * <ol>
 *   <li>a frozen TensorFlow graph written as {@code .pb} (here: Inception v3 built with TensorFlow Java, seeded
 *       weights; pass your own {@code .pb} as the first argument instead) and read back;</li>
 *   <li>converted to ONNX (the role UFF had), inputs and outputs named as in TensorFlow, NHWC kept;</li>
 *   <li>an engine built with a batch range (the old "max batch size") and a workspace limit, serialized to
 *       {@code .plan};</li>
 *   <li>the plan loaded, device memory bound to named tensors, the input copied in from pinned memory, enqueued
 *       ({@code enqueueV3}) on a stream, the output copied out;</li>
 *   <li>compared with TensorFlow on the same input.</li>
 * </ol>
 * Usage: {@code InceptionV3EndToEnd [graph.pb [image [labels.txt]]]}; writes into {@code inception-v3-example/}.
 *
 * <p>Thread-safety: a program.
 */
public final class InceptionV3EndToEnd {
    private InceptionV3EndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of("inception-v3-example"));
        // 1. The frozen graph, as a .pb file.
        Path pb;
        if (args.length > 0) {
            pb = Path.of(args[0]);
        } else {
            pb = work.resolve("inception_v3_frozen.pb");
            FrozenGraphs.write(ModelZoo.inceptionV3(42), pb);
        }
        FrozenGraph graph = TensorFlowImporter.fromGraphDef(pb).inputs(ModelZoo.INPUT).outputs(ModelZoo.PREDICTIONS).load();
        System.out.println("graph: " + pb + ", inputs " + graph.inputs() + ", outputs " + graph.outputs());

        // 2. ONNX.
        OnnxModel onnx = new TfToOnnxConverter().convert(graph);
        onnx.writeTo(work.resolve("inception_v3.onnx"));
        System.out.println(onnx.report());

        // The input: a photo (or a flat grey image), Inception preprocessing: NHWC float32 in [-1, 1].
        Preprocessor pre = Preprocessor.inceptionV3().build();
        int batch = 1;
        Shape shape = Shape.of(batch, 299, 299, 3);
        float[] pixels = new float[(int) pre.elementsPerImage()];
        if (args.length > 1) {
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocateDirect((int) pre.bytesPerImage())
                    .order(java.nio.ByteOrder.nativeOrder());
            pre.write(Path.of(args[1]), bb, 0);
            bb.asFloatBuffer().get(pixels);
        }
        String in = graph.inputs().get(0).name();
        String out = graph.outputs().get(0).name();
        float[] reference = TensorFlowRunner.run(graph, Map.of(in, TensorValue.ofFloats(shape, pixels))).get(out).toFloats();

        if (!TensorRt.isAvailable()) {
            System.out.println("TensorRT steps skipped: " + TensorRt.diagnosis());
            return;
        }
        // 3. Engine: batch 1..16, 1 GiB workspace, serialized to a .plan.
        Plan plan = EngineBuilder.fromOnnx(onnx.toByteArray())
                .profile(in, shape.withDim(0, 1), shape.withDim(0, 8), shape.withDim(0, 16))
                .workspace(1L << 30).build();
        Path planFile = work.resolve("inception_v3.plan");
        plan.writeTo(planFile);
        System.out.println(plan + " -> " + planFile);

        // 4. Load, bind, copy in, enqueue, copy out.
        float[] result = new float[reference.length];
        try (Engine engine = Engine.load(planFile);
             ExecutionContext context = engine.newContext();
             CudaStream stream = CudaStream.create();
             PinnedBuffer hostIn = PinnedBuffer.allocate(4L * pixels.length);
             PinnedBuffer hostOut = PinnedBuffer.allocate(4L * result.length);
             DeviceBuffer deviceIn = DeviceBuffer.allocate(hostIn.size());
             DeviceBuffer deviceOut = DeviceBuffer.allocate(hostOut.size())) {
            hostIn.asFloatBuffer().put(pixels);
            context.setInputShape(in, shape);
            context.setTensorAddress(in, deviceIn);
            context.setTensorAddress(out, deviceOut);
            deviceIn.copyFromAsync(hostIn, 0, 0, hostIn.size(), stream);
            context.enqueue(stream);
            deviceOut.copyToAsync(hostOut, 0, 0, hostOut.size(), stream);
            stream.synchronize();
            FloatBuffer fb = hostOut.asFloatBuffer();
            fb.get(result);
            System.out.println("output " + out + " " + context.outputShape(out));
        }

        // 5. Compare with TensorFlow.
        double num = 0;
        double den = 0;
        for (int i = 0; i < result.length; i++) {
            num += (result[i] - reference[i]) * (double) (result[i] - reference[i]);
            den += reference[i] * (double) reference[i];
        }
        System.out.printf("TensorRT vs TensorFlow: relative L2 error %.3e%n", Math.sqrt(num / den));
        Labels labels = args.length > 2 ? Labels.read(Path.of(args[2])) : null;
        List<Prediction> top = TopK.of(result, 5, labels);
        System.out.println("top-5 (TensorRT): " + top);
        System.out.println("top-5 (TensorFlow): " + TopK.of(reference, 5, labels));
    }
}
