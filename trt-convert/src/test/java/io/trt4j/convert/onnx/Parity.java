package io.trt4j.convert.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.trt4j.convert.tf.TensorSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Test helper: runs a {@link TfGraph} in TensorFlow Java and its conversion in ONNX Runtime on the same inputs and
 * compares every output (relative L2 error and max absolute error).
 *
 * <p>Thread-safety: stateless.
 */
final class Parity {
    static final double REL_L2 = 1e-5;
    static final double MAX_ABS = 1e-4;

    private Parity() {
    }

    /** Errors of one output. */
    record Errors(String output, double relL2, double maxAbs) {
    }

    /** Converts with default options, runs both, asserts the tolerances; returns the model. */
    static OnnxModel check(TfGraph t) {
        return check(t, ConverterOptions.defaults());
    }

    static OnnxModel check(TfGraph t, ConverterOptions options) {
        OnnxModel model = new TfToOnnxConverter(options).convert(t.frozen());
        List<Errors> errors = compare(t, model, options);
        for (Errors e : errors) {
            System.out.printf("PARITY %s rel_l2=%.3e max_abs=%.3e%n", e.output(), e.relL2(), e.maxAbs());
            assertTrue(e.relL2() <= REL_L2 && e.maxAbs() <= MAX_ABS, "output " + e.output() + ": rel L2 "
                    + e.relL2() + ", max abs " + e.maxAbs() + "\n" + model.report());
        }
        return model;
    }

    static List<Errors> compare(TfGraph t, OnnxModel model, ConverterOptions options) {
        List<double[]> expected = runTf(t);
        List<double[]> actual = runOrt(t, model, options);
        List<Errors> out = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            double[] e = expected.get(i);
            double[] a = actual.get(i);
            assertEquals(e.length, a.length, "element count of " + t.outputs.get(i).name());
            double num = 0;
            double den = 0;
            double max = 0;
            for (int k = 0; k < e.length; k++) {
                double d = a[k] - e[k];
                num += d * d;
                den += e[k] * e[k];
                max = Math.max(max, Math.abs(d));
            }
            double rel = den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
            out.add(new Errors(t.outputs.get(i).name(), rel, max));
        }
        return out;
    }

    static List<double[]> runTf(TfGraph t) {
        List<TFloat32> in = new ArrayList<>();
        try (Session s = new Session(t.graph)) {
            Session.Runner r = s.runner();
            for (Map.Entry<String, float[]> f : t.feeds.entrySet()) {
                TFloat32 x = TFloat32.tensorOf(Shape.of(t.feedShapes.get(f.getKey())), DataBuffers.of(f.getValue()));
                in.add(x);
                r.feed(f.getKey(), x);
            }
            for (TensorSpec o : t.outputs) {
                r.fetch(o.name());
            }
            List<double[]> out = new ArrayList<>();
            try (Result res = r.run()) {
                for (int i = 0; i < t.outputs.size(); i++) {
                    out.add(toDoubles(res.get(i)));
                }
            }
            return out;
        } finally {
            in.forEach(Tensor::close);
        }
    }

    private static double[] toDoubles(Tensor t) {
        ByteBuffer b = ByteBuffer.allocate((int) t.numBytes()).order(ByteOrder.nativeOrder());
        byte[] bytes = new byte[(int) t.numBytes()];
        t.asRawTensor().data().read(bytes);
        b.put(bytes).flip();
        int n = (int) t.shape().size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (t.dataType()) {
                case DT_FLOAT -> b.getFloat();
                case DT_INT32 -> b.getInt();
                case DT_INT64 -> b.getLong();
                case DT_DOUBLE -> b.getDouble();
                default -> throw new IllegalStateException("type " + t.dataType());
            };
        }
        return out;
    }

    static List<double[]> runOrt(TfGraph t, OnnxModel model, ConverterOptions options) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(model.toByteArray(), so)) {
            for (Map.Entry<String, float[]> f : t.feeds.entrySet()) {
                long[] shape = t.feedShapes.get(f.getKey());
                float[] v = f.getValue();
                if (options.isNchwInput(f.getKey()) && shape.length == 4) {
                    v = nhwcToNchw(v, shape);
                    shape = new long[] {shape[0], shape[3], shape[1], shape[2]};
                }
                feeds.put(f.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(v), shape));
            }
            List<double[]> out = new ArrayList<>();
            try (OrtSession.Result r = session.run(feeds)) {
                for (TensorSpec o : t.outputs) {
                    OnnxValue v = r.get(o.name()).orElseThrow();
                    out.add(toDoubles((OnnxTensor) v));
                }
            }
            return out;
        } catch (OrtException e) {
            throw new AssertionError("ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private static double[] toDoubles(OnnxTensor t) {
        switch (t.getInfo().type) {
            case FLOAT -> {
                FloatBuffer b = t.getFloatBuffer();
                double[] out = new double[b.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.get(i);
                }
                return out;
            }
            case INT32 -> {
                var b = t.getIntBuffer();
                double[] out = new double[b.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.get(i);
                }
                return out;
            }
            case INT64 -> {
                var b = t.getLongBuffer();
                double[] out = new double[b.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.get(i);
                }
                return out;
            }
            default -> throw new IllegalStateException("type " + t.getInfo().type);
        }
    }

    static float[] nhwcToNchw(float[] v, long[] s) {
        int n = (int) s[0];
        int h = (int) s[1];
        int w = (int) s[2];
        int c = (int) s[3];
        float[] out = new float[v.length];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < c; k++) {
                        out[((b * c + k) * h + y) * w + x] = v[((b * h + y) * w + x) * c + k];
                    }
                }
            }
        }
        return out;
    }

    /** Number of nodes of an op type in the model. */
    static long count(OnnxModel m, String opType) {
        return m.proto().getGraph().getNodeList().stream().filter(n -> n.getOpType().equals(opType)).count();
    }

    static void assertShape(long[] expected, io.trt4j.core.Shape actual) {
        assertArrayEquals(expected, actual.toArray());
    }
}
