package io.trt4j.convert.engine;

import io.trt4j.core.Engine;
import io.trt4j.core.InferenceSession;
import io.trt4j.core.Shape;
import io.trt4j.core.Tensor;
import java.util.HashMap;
import java.util.Map;

/** Helpers of the GPU tests: run an engine, compare outputs. */
final class GpuChecks {
    private GpuChecks() {
    }

    /** Runs one float input through a session of {@code profile} and returns every output as floats. */
    static Map<String, float[]> run(Engine engine, int profile, String input, float[] data, Shape shape) {
        try (InferenceSession session = engine.newSession().profile(profile).build()) {
            Map<String, Tensor> out = session.run(Map.of(input, Tensor.of(data, shape)));
            Map<String, float[]> values = new HashMap<>();
            out.forEach((name, tensor) -> values.put(name, tensor.toFloatArray()));
            return values;
        }
    }

    /** ||actual - expected|| / ||expected|| over elements [from, to). */
    static double relativeL2(float[] actual, float[] expected, int from, int to) {
        double num = 0;
        double den = 0;
        for (int i = from; i < to; i++) {
            double d = (double) actual[i] - expected[i];
            num += d * d;
            den += (double) expected[i] * expected[i];
        }
        return Math.sqrt(num / den);
    }

    /** ||actual - expected|| / ||expected|| over all elements. */
    static double relativeL2(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            throw new AssertionError("lengths differ: " + actual.length + " vs " + expected.length);
        }
        return relativeL2(actual, expected, 0, actual.length);
    }

    /** Reference of {@link TinyOnnx#convRelu()}: NCHW conv 3x3, pad 1, 4 filters, then ReLU. */
    static float[] convReluReference(float[] x, int batch) {
        float[] w = new float[4 * 3 * 3 * 3];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.sin(0.7 * i) * 0.3f;
        }
        float[] y = new float[batch * 4 * 64];
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < 4; o++) {
                for (int i = 0; i < 8; i++) {
                    for (int j = 0; j < 8; j++) {
                        double acc = 0;
                        for (int c = 0; c < 3; c++) {
                            for (int u = 0; u < 3; u++) {
                                for (int v = 0; v < 3; v++) {
                                    int yi = i + u - 1;
                                    int xj = j + v - 1;
                                    if (yi >= 0 && yi < 8 && xj >= 0 && xj < 8) {
                                        acc += w[((o * 3 + c) * 3 + u) * 3 + v] * x[((n * 3 + c) * 8 + yi) * 8 + xj];
                                    }
                                }
                            }
                        }
                        y[((n * 4 + o) * 8 + i) * 8 + j] = (float) Math.max(acc, 0);
                    }
                }
            }
        }
        return y;
    }
}
