package io.trt4j.convert.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.trt4j.convert.onnx.OnnxModel;
import io.trt4j.convert.onnx.TfToOnnxConverter;
import io.trt4j.convert.tf.FrozenGraph;
import io.trt4j.convert.tf.TensorFlowRunner;
import io.trt4j.convert.tf.TensorValue;
import io.trt4j.core.Shape;
import java.nio.FloatBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real trained model end to end on the CPU: nsfwjs 4.3.0's uint8-quantized MobileNetV2 (TF.js bundle), converted
 * to ONNX by trt4j and run by ONNX Runtime, against TensorFlow Java running the imported GraphDef, on the seven real
 * photos: relative L2 ≤ 1e-5 over the batch and the same top-1 class on every photo.
 */
class NsfwjsOnnxParityTest {
    @Test
    void onnxRuntimeOnTheConvertedModelMatchesTensorFlowOnEveryPhoto() throws Exception {
        FrozenGraph graph = TfjsModel.fromJsBundle(Fixtures.file("nsfwjs/mobilenet_v2_mid"));
        OnnxModel onnx = new TfToOnnxConverter().convert(graph);
        assertTrue(onnx.report().onnxOpCount("Transpose") <= 1, "transposes inside the body: " + onnx.report());

        int n = NsfwjsModelTest.PHOTOS.size();
        float[] batch = new float[n * 224 * 224 * 3];
        for (int i = 0; i < n; i++) {
            float[] img = Fixtures.rgb01("images/" + NsfwjsModelTest.PHOTOS.get(i), 224);
            System.arraycopy(img, 0, batch, i * img.length, img.length);
        }
        float[] tf = TensorFlowRunner.run(graph, Map.of("input:0", TensorValue.ofFloats(Shape.of(n, 224, 224, 3), batch)))
                .get("Identity:0").toFloats();

        float[] ort;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toByteArray(), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch), new long[] {n, 224, 224, 3});
             OrtSession.Result result = session.run(Map.of("input:0", in))) {
            FloatBuffer fb = ((OnnxTensor) result.get("Identity:0").orElseThrow()).getFloatBuffer();
            ort = new float[fb.remaining()];
            fb.get(ort);
        }
        assertEquals(tf.length, ort.length);
        double num = 0;
        double den = 0;
        double maxAbs = 0;
        for (int i = 0; i < tf.length; i++) {
            double d = ort[i] - (double) tf[i];
            num += d * d;
            den += (double) tf[i] * tf[i];
            maxAbs = Math.max(maxAbs, Math.abs(d));
        }
        double rel = Math.sqrt(num / den);
        System.out.printf("nsfwjs MobileNetV2, %d photos: ONNX Runtime vs TensorFlow rel L2 %.2e, max abs %.2e%n", n, rel,
                maxAbs);
        assertTrue(rel <= 1e-5, "relative L2 " + rel);
        assertTrue(maxAbs <= 1e-4, "max abs " + maxAbs);
        for (int i = 0; i < n; i++) {
            assertEquals(argmax(tf, i * 5, 5), argmax(ort, i * 5, 5), NsfwjsModelTest.PHOTOS.get(i) + " top-1");
        }
    }

    private static int argmax(float[] v, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (v[offset + i] > v[offset + best]) {
                best = i;
            }
        }
        return best;
    }
}
