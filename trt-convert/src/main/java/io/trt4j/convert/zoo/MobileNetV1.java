package io.trt4j.convert.zoo;

import io.trt4j.convert.tf.FrozenGraph;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MobileNet v1 (Howard et al. 2017) as TF-Slim's {@code mobilenet_v1} builds it: a 3x3/2 convolution, thirteen
 * depthwise-separable layers ({@code DepthwiseConv2dNative} 3x3 + batch-norm + {@code Relu6}, then 1x1
 * {@code Conv2D} + batch-norm + {@code Relu6}), all SAME padded, a global {@code AvgPool}, and a 1x1 {@code Conv2D}
 * classifier with biases + {@code SpatialSqueeze}. Batch-norm epsilon 0.001. Width multiplier = slim's
 * {@code depth_multiplier} (minimum depth 8). 4.2M parameters at width 1 with 1000 classes.
 *
 * <p>Thread-safety: stateless.
 */
final class MobileNetV1 {
    private static final float EPSILON = 0.001f;
    private static final String SAME = "SAME";
    /** (stride, pointwise filters) of the thirteen separable layers. */
    private static final int[][] LAYERS = {
        {1, 64}, {2, 128}, {1, 128}, {2, 256}, {1, 256}, {2, 512},
        {1, 512}, {1, 512}, {1, 512}, {1, 512}, {1, 512}, {2, 1024}, {1, 1024},
    };

    private MobileNetV1() {
    }

    static FrozenGraph build(ZooOptions options, int inputSize) {
        double width = options.widthMultiplier();
        try (NetBuilder net = new NetBuilder(options.seed())) {
            Operand<TFloat32> input = net.input(inputSize);
            GraphScope s = net.root().child("MobilenetV1");
            Operand<TFloat32> x = net.convBn(s, "Conv2d_0", input, 3, 3, depth(32, width), 2, SAME, EPSILON,
                    Activation.RELU6, 1.0);
            for (int i = 0; i < LAYERS.length; i++) {
                String name = "Conv2d_" + (i + 1);
                x = net.depthwiseBn(s, name + "_depthwise", x, 3, LAYERS[i][0], SAME, EPSILON, Activation.RELU6);
                x = net.convBn(s, name + "_pointwise", x, 1, 1, depth(LAYERS[i][1], width), 1, SAME, EPSILON,
                        Activation.RELU6, 1.0);
            }
            GraphScope logits = s.child("Logits");
            int k = NetBuilder.spatial(x);
            Operand<TFloat32> pooled = net.avgPool(logits, "AvgPool_1a", x, k, 1, "VALID");
            return net.finish(net.convClassifier(logits, "Conv2d_1c_1x1", pooled, options.classes()), inputSize,
                    options.classes());
        }
    }

    private static int depth(int d, double width) {
        return Math.max((int) (d * width), 8);
    }
}
