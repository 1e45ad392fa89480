package io.trt4j.convert.zoo;

import io.trt4j.convert.tf.FrozenGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

/** Runs zoo graphs in TensorFlow Java (CPU) for tests. */
public final class TfRunner {
    private TfRunner() {
    }

    /** A seeded batch of NHWC images, values uniform in [low, high). */
    public static float[] images(long seed, int batch, int size, float low, float high) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[batch * size * size * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (low + (high - low) * random.nextDouble());
        }
        return data;
    }

    /**
     * A seeded batch of smooth synthetic "photos": per image and channel, a sum of four random low-frequency plane
     * waves plus a little noise, in [0, 1]. Unlike i.i.d. noise, different images differ in their low frequencies,
     * which survive global pooling, so the network's outputs differ from image to image as they do on photos.
     */
    public static float[] patterns(long seed, int batch, int size) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[batch * size * size * 3];
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < 3; c++) {
                double[][] waves = new double[4][4];
                for (double[] w : waves) {
                    w[0] = random.nextDouble(-4, 4) * Math.PI / size; // fy
                    w[1] = random.nextDouble(-4, 4) * Math.PI / size; // fx
                    w[2] = random.nextDouble(0, 2 * Math.PI); // phase
                    w[3] = random.nextDouble(0.05, 0.25); // amplitude
                }
                double offset = random.nextDouble(0.3, 0.7);
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        double v = offset + random.nextDouble(-0.05, 0.05);
                        for (double[] w : waves) {
                            v += w[3] * Math.sin(w[0] * y + w[1] * x + w[2]);
                        }
                        data[((b * size + y) * size + x) * 3 + c] = (float) Math.min(1, Math.max(0, v));
                    }
                }
            }
        }
        return data;
    }

    /** A fetched tensor: its shape and its values, row-major. */
    public record Fetched(long[] shape, float[] values) {
    }

    /** Runs the graph on {@code images} ([batch, size, size, 3]) and returns each fetched tensor. */
    public static List<Fetched> run(FrozenGraph frozen, float[] images, int batch, int size, String... fetches) {
        try (Graph graph = new Graph()) {
            graph.importGraphDef(frozen.graphDef());
            try (Session session = new Session(graph);
                    TFloat32 input = TFloat32.tensorOf(Shape.of(batch, size, size, 3), DataBuffers.of(images, true, false))) {
                Session.Runner runner = session.runner().feed("input", input);
                for (String fetch : fetches) {
                    runner.fetch(fetch);
                }
                try (Result result = runner.run()) {
                    List<Fetched> out = new ArrayList<>();
                    for (int i = 0; i < fetches.length; i++) {
                        Tensor t = result.get(i);
                        FloatDataBuffer buffer = t.asRawTensor().data().asFloats();
                        float[] values = new float[(int) buffer.size()];
                        buffer.read(values);
                        out.add(new Fetched(t.shape().asArray(), values));
                    }
                    return out;
                }
            }
        }
    }

    /** Counts trainable parameters: elements of float {@code Const} nodes other than batch-norm moving statistics. */
    public static long parameterCount(FrozenGraph frozen) {
        long count = 0;
        for (NodeDef node : frozen.graphDef().getNodeList()) {
            if (!node.getOp().equals("Const") || node.getName().endsWith("moving_mean")
                    || node.getName().endsWith("moving_variance")) {
                continue;
            }
            var tensor = node.getAttrMap().get("value").getTensor();
            if (tensor.getDtype() != org.tensorflow.proto.DataType.DT_FLOAT) {
                continue;
            }
            long n = 1;
            for (var dim : tensor.getTensorShape().getDimList()) {
                n *= dim.getSize();
            }
            count += n;
        }
        return count;
    }
}
