package io.trt4j.convert.zoo;

import io.trt4j.convert.tf.FrozenGraph;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Inception v3 (Szegedy et al. 2015) as TF-Slim's {@code inception_v3} builds it for inference, without the
 * auxiliary head: the stem (Conv2d_1a..4a, two max pools), Mixed_5b..5d (35x35), Mixed_6a, Mixed_6b..6e with the
 * factorized 1x7/7x1 convolutions (17x17), Mixed_7a, Mixed_7b..7c with the split 1x3/3x1 branches (8x8), then the
 * global {@code AvgPool}, a 1x1 {@code Conv2D} classifier with biases and {@code SpatialSqueeze}. Every convolution is
 * conv (no bias) + {@code FusedBatchNormV3} (epsilon 0.001) + {@code Relu}. Unlike slim's {@code scale=False}, the
 * batch-norms carry a gamma, so that BN folding is exercised with a non-trivial scale.
 *
 * <p>Input 299x299 gives the 8x8 final map and the published 23.8M parameters (width 1, 1000 classes; the slim
 * {@code depth_multiplier} is the zoo's width multiplier, with slim's minimum depth of 16).
 *
 * <p>Thread-safety: stateless.
 */
final class InceptionV3 {
    private static final float EPSILON = 0.001f;
    private static final String SAME = "SAME";
    private static final String VALID = "VALID";

    private final NetBuilder net;
    private final double width;

    private InceptionV3(NetBuilder net, double width) {
        this.net = net;
        this.width = width;
    }

    static FrozenGraph build(ZooOptions options, int inputSize) {
        try (NetBuilder net = new NetBuilder(options.seed())) {
            return new InceptionV3(net, options.widthMultiplier()).graph(inputSize, options.classes());
        }
    }

    private int depth(int d) {
        return Math.max((int) (d * width), 16);
    }

    private Operand<TFloat32> conv(GraphScope s, String name, Operand<TFloat32> x, int filters, int kh, int kw,
            int stride, String padding) {
        return net.convBn(s, name, x, kh, kw, depth(filters), stride, padding, EPSILON, Activation.RELU, 1.0);
    }

    private Operand<TFloat32> conv(GraphScope s, String name, Operand<TFloat32> x, int filters, int k) {
        return conv(s, name, x, filters, k, k, 1, SAME);
    }

    private FrozenGraph graph(int inputSize, int classes) {
        Operand<TFloat32> input = net.input(inputSize);
        GraphScope scope = net.root().child("InceptionV3");
        Operand<TFloat32> x = stem(scope, input);
        x = mixed5(scope, "Mixed_5b", x, 32);
        x = mixed5(scope, "Mixed_5c", x, 64);
        x = mixed5(scope, "Mixed_5d", x, 64);
        x = mixed6a(scope, x);
        x = mixed6(scope, "Mixed_6b", x, 128);
        x = mixed6(scope, "Mixed_6c", x, 160);
        x = mixed6(scope, "Mixed_6d", x, 160);
        x = mixed6(scope, "Mixed_6e", x, 192);
        x = mixed7a(scope, x);
        x = mixed7(scope, "Mixed_7b", x);
        x = mixed7(scope, "Mixed_7c", x);

        GraphScope logits = scope.child("Logits");
        // slim reduces the 8x8 kernel to the final map size for small inputs: a global average either way.
        int k = NetBuilder.spatial(x);
        Operand<TFloat32> pooled = net.avgPool(logits, "AvgPool_1a_" + k + "x" + k, x, k, 1, VALID);
        return net.finish(net.convClassifier(logits, "Conv2d_1c_1x1", pooled, classes), inputSize, classes);
    }

    private Operand<TFloat32> stem(GraphScope s, Operand<TFloat32> input) {
        Operand<TFloat32> x = conv(s, "Conv2d_1a_3x3", input, 32, 3, 3, 2, VALID); // 149
        x = conv(s, "Conv2d_2a_3x3", x, 32, 3, 3, 1, VALID); // 147
        x = conv(s, "Conv2d_2b_3x3", x, 64, 3, 3, 1, SAME); // 147
        x = net.maxPool(s, "MaxPool_3a_3x3", x, 3, 2, VALID); // 73
        x = conv(s, "Conv2d_3b_1x1", x, 80, 1, 1, 1, VALID); // 73
        x = conv(s, "Conv2d_4a_3x3", x, 192, 3, 3, 1, VALID); // 71
        return net.maxPool(s, "MaxPool_5a_3x3", x, 3, 2, VALID); // 35
    }

    /** 35x35 block: 1x1 | 1x1-5x5 | 1x1-3x3-3x3 | avgpool-1x1(poolDepth). */
    private Operand<TFloat32> mixed5(GraphScope parent, String name, Operand<TFloat32> x, int poolDepth) {
        GraphScope s = parent.child(name);
        GraphScope b0 = s.child("Branch_0");
        GraphScope b1 = s.child("Branch_1");
        GraphScope b2 = s.child("Branch_2");
        GraphScope b3 = s.child("Branch_3");
        Operand<TFloat32> y0 = conv(b0, "Conv2d_0a_1x1", x, 64, 1);
        Operand<TFloat32> y1 = conv(b1, "Conv2d_0b_5x5", conv(b1, "Conv2d_0a_1x1", x, 48, 1), 64, 5);
        Operand<TFloat32> y2 = conv(b2, "Conv2d_0a_1x1", x, 64, 1);
        y2 = conv(b2, "Conv2d_0b_3x3", y2, 96, 3);
        y2 = conv(b2, "Conv2d_0c_3x3", y2, 96, 3);
        Operand<TFloat32> y3 = net.avgPool(b3, "AvgPool_0a_3x3", x, 3, 1, SAME);
        y3 = conv(b3, "Conv2d_0b_1x1", y3, poolDepth, 1);
        return net.concat(s, "concat", List.of(y0, y1, y2, y3));
    }

    /** 35 -> 17 reduction. */
    private Operand<TFloat32> mixed6a(GraphScope parent, Operand<TFloat32> x) {
        GraphScope s = parent.child("Mixed_6a");
        GraphScope b0 = s.child("Branch_0");
        GraphScope b1 = s.child("Branch_1");
        GraphScope b2 = s.child("Branch_2");
        Operand<TFloat32> y0 = conv(b0, "Conv2d_1a_1x1", x, 384, 3, 3, 2, VALID);
        Operand<TFloat32> y1 = conv(b1, "Conv2d_0a_1x1", x, 64, 1);
        y1 = conv(b1, "Conv2d_0b_3x3", y1, 96, 3);
        y1 = conv(b1, "Conv2d_1a_1x1", y1, 96, 3, 3, 2, VALID);
        Operand<TFloat32> y2 = net.maxPool(b2, "MaxPool_1a_3x3", x, 3, 2, VALID);
        return net.concat(s, "concat", List.of(y0, y1, y2));
    }

    /** 17x17 block with factorized 7x7 convolutions; {@code mid} is the depth inside the 1x7/7x1 chains. */
    private Operand<TFloat32> mixed6(GraphScope parent, String name, Operand<TFloat32> x, int mid) {
        GraphScope s = parent.child(name);
        GraphScope b0 = s.child("Branch_0");
        GraphScope b1 = s.child("Branch_1");
        GraphScope b2 = s.child("Branch_2");
        GraphScope b3 = s.child("Branch_3");
        Operand<TFloat32> y0 = conv(b0, "Conv2d_0a_1x1", x, 192, 1);
        Operand<TFloat32> y1 = conv(b1, "Conv2d_0a_1x1", x, mid, 1);
        y1 = conv(b1, "Conv2d_0b_1x7", y1, mid, 1, 7, 1, SAME);
        y1 = conv(b1, "Conv2d_0c_7x1", y1, 192, 7, 1, 1, SAME);
        Operand<TFloat32> y2 = conv(b2, "Conv2d_0a_1x1", x, mid, 1);
        y2 = conv(b2, "Conv2d_0b_7x1", y2, mid, 7, 1, 1, SAME);
        y2 = conv(b2, "Conv2d_0c_1x7", y2, mid, 1, 7, 1, SAME);
        y2 = conv(b2, "Conv2d_0d_7x1", y2, mid, 7, 1, 1, SAME);
        y2 = conv(b2, "Conv2d_0e_1x7", y2, 192, 1, 7, 1, SAME);
        Operand<TFloat32> y3 = net.avgPool(b3, "AvgPool_0a_3x3", x, 3, 1, SAME);
        y3 = conv(b3, "Conv2d_0b_1x1", y3, 192, 1);
        return net.concat(s, "concat", List.of(y0, y1, y2, y3));
    }

    /** 17 -> 8 reduction. */
    private Operand<TFloat32> mixed7a(GraphScope parent, Operand<TFloat32> x) {
        GraphScope s = parent.child("Mixed_7a");
        GraphScope b0 = s.child("Branch_0");
        GraphScope b1 = s.child("Branch_1");
        GraphScope b2 = s.child("Branch_2");
        Operand<TFloat32> y0 = conv(b0, "Conv2d_0a_1x1", x, 192, 1);
        y0 = conv(b0, "Conv2d_1a_3x3", y0, 320, 3, 3, 2, VALID);
        Operand<TFloat32> y1 = conv(b1, "Conv2d_0a_1x1", x, 192, 1);
        y1 = conv(b1, "Conv2d_0b_1x7", y1, 192, 1, 7, 1, SAME);
        y1 = conv(b1, "Conv2d_0c_7x1", y1, 192, 7, 1, 1, SAME);
        y1 = conv(b1, "Conv2d_1a_3x3", y1, 192, 3, 3, 2, VALID);
        Operand<TFloat32> y2 = net.maxPool(b2, "MaxPool_1a_3x3", x, 3, 2, VALID);
        return net.concat(s, "concat", List.of(y0, y1, y2));
    }

    /** 8x8 block with the expanded 1x3 | 3x1 filter banks. */
    private Operand<TFloat32> mixed7(GraphScope parent, String name, Operand<TFloat32> x) {
        GraphScope s = parent.child(name);
        GraphScope b0 = s.child("Branch_0");
        GraphScope b1 = s.child("Branch_1");
        GraphScope b2 = s.child("Branch_2");
        GraphScope b3 = s.child("Branch_3");
        Operand<TFloat32> y0 = conv(b0, "Conv2d_0a_1x1", x, 320, 1);
        Operand<TFloat32> y1 = conv(b1, "Conv2d_0a_1x1", x, 384, 1);
        y1 = net.concat(b1, "concat", List.of(
                conv(b1, "Conv2d_0b_1x3", y1, 384, 1, 3, 1, SAME),
                conv(b1, "Conv2d_0c_3x1", y1, 384, 3, 1, 1, SAME)));
        Operand<TFloat32> y2 = conv(b2, "Conv2d_0a_1x1", x, 448, 1);
        y2 = conv(b2, "Conv2d_0b_3x3", y2, 384, 3);
        y2 = net.concat(b2, "concat", List.of(
                conv(b2, "Conv2d_0c_1x3", y2, 384, 1, 3, 1, SAME),
                conv(b2, "Conv2d_0d_3x1", y2, 384, 3, 1, 1, SAME)));
        Operand<TFloat32> y3 = net.avgPool(b3, "AvgPool_0a_3x3", x, 3, 1, SAME);
        y3 = conv(b3, "Conv2d_0b_1x1", y3, 192, 1);
        return net.concat(s, "concat", List.of(y0, y1, y2, y3));
    }
}
