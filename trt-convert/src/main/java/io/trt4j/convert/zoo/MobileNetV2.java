package io.trt4j.convert.zoo;

import io.trt4j.convert.tf.FrozenGraph;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MobileNet v2 (Sandler et al. 2018) as Keras' {@code MobileNetV2} lays it out: a 3x3/2 convolution, seventeen
 * inverted-residual blocks (1x1 expansion + batch-norm + {@code Relu6}, 3x3 depthwise + batch-norm + {@code Relu6},
 * 1x1 linear projection + batch-norm, residual {@code AddV2} when stride is 1 and depths match), a 1x1 convolution
 * to 1280 channels, global {@code Mean} pooling and a {@code MatMul} + {@code BiasAdd} classifier. As in Keras, the
 * stride-2 convolutions are VALID after an explicit {@code Pad} (asymmetric, bottom/right only, for even sizes).
 * Batch-norm epsilon 0.001. Width multiplier = Keras' {@code alpha} (channels rounded to multiples of 8; the last
 * convolution stays 1280 for alpha <= 1). 3.5M parameters at width 1 with 1000 classes.
 *
 * <p>Weights: He-uniform, with the projection batch-norm of residual blocks scaled down (gamma ~0.5) so that the
 * residual sums keep activations O(1).
 *
 * <p>Thread-safety: stateless.
 */
final class MobileNetV2 {
    private static final float EPSILON = 0.001f;
    private static final double RESIDUAL_GAMMA = 0.5;
    private static final String SAME = "SAME";
    private static final String VALID = "VALID";
    /** (expansion t, output channels c, repeats n, first stride s), the paper's table 2. */
    private static final int[][] STAGES = {
        {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1},
    };

    private final NetBuilder net;
    private final double alpha;

    private MobileNetV2(NetBuilder net, double alpha) {
        this.net = net;
        this.alpha = alpha;
    }

    static FrozenGraph build(ZooOptions options, int inputSize) {
        try (NetBuilder net = new NetBuilder(options.seed())) {
            return new MobileNetV2(net, options.widthMultiplier()).graph(inputSize, options.classes());
        }
    }

    private FrozenGraph graph(int inputSize, int classes) {
        Operand<TFloat32> input = net.input(inputSize);
        GraphScope s = net.root().child("mobilenetv2");
        Operand<TFloat32> x = strided(s, "Conv1_pad", input);
        x = net.convBn(s, "Conv1", x, 3, 3, Channels.makeDivisible(32 * alpha, 8), 2, VALID, EPSILON,
                Activation.RELU6, 1.0);
        int block = 0;
        for (int[] stage : STAGES) {
            int out = Channels.makeDivisible(stage[1] * alpha, 8);
            for (int i = 0; i < stage[2]; i++) {
                String name = block == 0 ? "expanded_conv" : "block_" + block;
                x = invertedResidual(s.child(name), x, stage[0], out, i == 0 ? stage[3] : 1);
                block++;
            }
        }
        int last = alpha > 1.0 ? Channels.makeDivisible(1280 * alpha, 8) : 1280;
        x = net.convBn(s, "Conv_1", x, 1, 1, last, 1, VALID, EPSILON, Activation.RELU6, 1.0);
        Operand<TFloat32> pooled = net.globalMean(s, "global_average_pooling2d", x);
        return net.finish(net.denseClassifier(s, "predictions_dense", pooled, classes), inputSize, classes);
    }

    private Operand<TFloat32> invertedResidual(GraphScope s, Operand<TFloat32> x, int expansion, int out, int stride) {
        int in = NetBuilder.channels(x);
        Operand<TFloat32> y = x;
        if (expansion != 1) {
            y = net.convBn(s, "expand", y, 1, 1, in * expansion, 1, VALID, EPSILON, Activation.RELU6, 1.0);
        }
        if (stride == 2) {
            y = strided(s, "pad", y);
            y = net.depthwiseBn(s, "depthwise", y, 3, 2, VALID, EPSILON, Activation.RELU6);
        } else {
            y = net.depthwiseBn(s, "depthwise", y, 3, 1, SAME, EPSILON, Activation.RELU6);
        }
        boolean residual = stride == 1 && in == out;
        y = net.convBn(s, "project", y, 1, 1, out, 1, VALID, EPSILON, Activation.NONE,
                residual ? RESIDUAL_GAMMA : 1.0);
        return residual ? net.add(s, "add", x, y) : y;
    }

    /** Keras' {@code correct_pad} for a 3x3/2 VALID convolution: (0, 1) on even sizes, (1, 1) on odd ones. */
    private Operand<TFloat32> strided(GraphScope s, String name, Operand<TFloat32> x) {
        int before = NetBuilder.spatial(x) % 2 == 0 ? 0 : 1;
        return net.pad(s, name, x, before, 1, before, 1);
    }
}
