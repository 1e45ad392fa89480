package io.trt4j.convert.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The GPU tests' hand-written ONNX models are valid ONNX: ONNX Runtime runs them and agrees with the Java reference. */
class TinyOnnxTest {
    @Test
    void convReluRunsInOnnxRuntimeAndMatchesTheReference() throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] x = new float[3 * 3 * 64];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        try (OrtSession session = env.createSession(TinyOnnx.convRelu().toByteArray(), new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {3, 3, 8, 8});
                OrtSession.Result result = session.run(Map.of(TinyOnnx.INPUT, input))) {
            OnnxTensor out = (OnnxTensor) result.get(TinyOnnx.OUTPUT).orElseThrow();
            assertArrayEquals(new long[] {3, 4, 8, 8}, out.getInfo().getShape());
            float[] y = new float[3 * 4 * 64];
            out.getFloatBuffer().get(y);
            double error = GpuChecks.relativeL2(y, GpuChecks.convReluReference(x, 3));
            assertTrue(error < 1e-6, "relative L2 " + error);
        }
    }

    @Test
    void unknownOperatorIsRejectedByOnnxRuntimeToo() {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        assertThrows(OrtException.class, () -> env.createSession(TinyOnnx.unknownOperator().toByteArray(),
                new OrtSession.SessionOptions()).close());
    }
}
