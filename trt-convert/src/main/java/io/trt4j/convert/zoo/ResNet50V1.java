package io.trt4j.convert.zoo;

import io.trt4j.convert.tf.FrozenGraph;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * ResNet-50 v1 (He et al. 2015) as Keras' {@code ResNet50} lays it out: explicit {@code Pad} + 7x7/2 VALID stem
 * convolution, {@code Pad} + 3x3/2 VALID max pool, then 3, 4, 6 and 3 bottleneck blocks (1x1, 3x3, 1x1x4) with
 * projection shortcuts on each stage's first block, global {@code Mean} pooling and a {@code MatMul} + {@code BiasAdd}
 * classifier. This is v1, not v1.5: the stride 2 of stages 3-5 sits on the first 1x1 convolution of the block (and on
 * its shortcut), not on the 3x3. Convolutions carry no bias (the batch-norm's beta is the bias, as in the paper's and
 * torchvision's count, 25.6M); batch-norm epsilon is Keras' 1.001e-5.
 *
 * <p>Weights: He-uniform, with the last batch-norm of every residual branch scaled down (gamma ~0.3, the usual
 * "small last gamma" of trained residual networks) so that sixteen residual additions keep activations O(1).
 *
 * <p>Thread-safety: stateless.
 */
final class ResNet50V1 {
    private static final float EPSILON = 1.001e-5f;
    private static final double RESIDUAL_GAMMA = 0.3;
    private static final String SAME = "SAME";
    private static final String VALID = "VALID";

    private final NetBuilder net;
    private final double width;

    private ResNet50V1(NetBuilder net, double width) {
        this.net = net;
        this.width = width;
    }

    static FrozenGraph build(ZooOptions options, int inputSize) {
        try (NetBuilder net = new NetBuilder(options.seed())) {
            return new ResNet50V1(net, options.widthMultiplier()).graph(inputSize, options.classes());
        }
    }

    private int depth(int d) {
        return width == 1.0 ? d : Channels.makeDivisible(d * width, 8);
    }

    private FrozenGraph graph(int inputSize, int classes) {
        Operand<TFloat32> input = net.input(inputSize);
        GraphScope s = net.root().child("resnet50");
        Operand<TFloat32> x = net.pad(s, "conv1_pad", input, 3, 3, 3, 3);
        x = net.convBn(s, "conv1", x, 7, 7, depth(64), 2, VALID, EPSILON, Activation.RELU, 1.0);
        x = net.pad(s, "pool1_pad", x, 1, 1, 1, 1);
        x = net.maxPool(s, "pool1_pool", x, 3, 2, VALID);
        x = stage(s, "conv2", x, 64, 3, 1);
        x = stage(s, "conv3", x, 128, 4, 2);
        x = stage(s, "conv4", x, 256, 6, 2);
        x = stage(s, "conv5", x, 512, 3, 2);
        Operand<TFloat32> pooled = net.globalMean(s, "avg_pool", x);
        return net.finish(net.denseClassifier(s, "predictions_dense", pooled, classes), inputSize, classes);
    }

    private Operand<TFloat32> stage(GraphScope s, String name, Operand<TFloat32> x, int filters, int blocks,
            int stride) {
        x = block(s.child(name + "_block1"), x, filters, stride, true);
        for (int i = 2; i <= blocks; i++) {
            x = block(s.child(name + "_block" + i), x, filters, 1, false);
        }
        return x;
    }

    /** Bottleneck: 1x1(stride) -> 3x3 -> 1x1 (4x filters), plus the (projected) shortcut, then ReLU. */
    private Operand<TFloat32> block(GraphScope s, Operand<TFloat32> x, int filters, int stride, boolean project) {
        int out = depth(4 * filters);
        Operand<TFloat32> shortcut = project
                ? net.convBn(s, "0", x, 1, 1, out, stride, VALID, EPSILON, Activation.NONE, Math.sqrt(0.5))
                : x;
        Operand<TFloat32> y = net.convBn(s, "1", x, 1, 1, depth(filters), stride, VALID, EPSILON, Activation.RELU, 1.0);
        y = net.convBn(s, "2", y, 3, 3, depth(filters), 1, SAME, EPSILON, Activation.RELU, 1.0);
        y = net.convBn(s, "3", y, 1, 1, out, 1, VALID, EPSILON, Activation.NONE, RESIDUAL_GAMMA);
        return s.named("out").nn.relu(net.add(s, "add", shortcut, y));
    }
}
