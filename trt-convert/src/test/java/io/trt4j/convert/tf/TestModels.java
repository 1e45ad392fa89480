package io.trt4j.convert.tf;

import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Small models built with TensorFlow Java ops and seeded weights, and helpers to run them. */
final class TestModels {
    private TestModels() {
    }

    static float[] seeded(long seed, int n) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * 0.5);
        }
        return v;
    }

    static Operand<TFloat32> constant(Ops tf, long seed, long... shape) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        return tf.constant(Shape.of(shape), DataBuffers.of(seeded(seed, n)));
    }

    /** x [-1,6,6,2] -> conv 3x3x2x4 + bias -> relu -> reshape [-1,144] -> matmul [144,3] -> softmax "probs". */
    static void convNet(Graph g) {
        Ops tf = Ops.create(g);
        Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, 6, 6, 2)));
        var conv = tf.nn.conv2d(x, constant(tf, 1, 3, 3, 2, 4), java.util.List.of(1L, 1L, 1L, 1L), "SAME");
        var act = tf.nn.relu(tf.nn.biasAdd(conv, constant(tf, 2, 4)));
        var flat = tf.reshape(act, tf.constant(new int[] {-1, 144}));
        var logits = tf.linalg.matMul(flat, constant(tf, 3, 144, 3));
        tf.withName("probs").nn.softmax(logits);
    }

    /** Variables for a dense net: returns the output; "x" [-1,8] -> dense 8x6 relu -> dense 6x3 -> "y". */
    static Operand<TFloat32> denseNetWithVariables(Ops tf) {
        Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 8)));
        Variable<TFloat32> w1 = tf.withName("w1").variable(constant(tf, 11, 8, 6));
        Variable<TFloat32> b1 = tf.withName("b1").variable(constant(tf, 12, 6));
        Variable<TFloat32> w2 = tf.withName("w2").variable(constant(tf, 13, 6, 3));
        var h = tf.nn.relu(tf.math.add(tf.linalg.matMul(x, w1), b1));
        return tf.withName("y").linalg.matMul(h, w2);
    }

    static TFloat32 input(long seed, long... shape) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(seeded(seed, n)));
    }

    static float[] floats(TFloat32 t) {
        float[] out = new float[(int) t.size()];
        t.asRawTensor().data().asFloats().read(out);
        return out;
    }

    /** Runs {@code session}, feeding x, fetching {@code out}. */
    static float[] run(Session s, String in, TFloat32 x, String out) {
        try (Result r = s.runner().feed(in, x).fetch(out).run()) {
            return floats((TFloat32) r.get(0));
        }
    }
}
