package io.trt4j.convert.zoo;

import io.trt4j.convert.tf.FrozenGraph;
import io.trt4j.convert.tf.TensorSpec;
import io.trt4j.core.DataType;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The layer vocabulary the zoo models are written in: convolutions, depthwise convolutions, inference batch-norms,
 * activations, pools, pads, concatenations and classifier heads, each emitted as the TensorFlow ops a frozen
 * TF-Slim or Keras graph contains ({@code Conv2D}, {@code DepthwiseConv2dNative}, {@code FusedBatchNormV3} with
 * {@code is_training=false}, {@code Relu}, {@code Relu6}, {@code MaxPool}, {@code AvgPool}, {@code Pad},
 * {@code ConcatV2}, {@code AddV2}, {@code Mean}, {@code MatMul}, {@code BiasAdd}, {@code Squeeze}, {@code Softmax}).
 *
 * <p>All tensors are NHWC float32. Every weight is a {@code Const} node seeded from (model seed, node name), so the
 * graph is frozen by construction.
 *
 * <p>Thread-safety: not thread-safe; one builder builds one model on one thread, then is closed.
 */
final class NetBuilder implements AutoCloseable {
    /** Node name of the input placeholder. */
    static final String INPUT = "input";
    /** Node name of the logits (pre-softmax) output. */
    static final String LOGITS = "logits";
    /** Node name of the softmax output. */
    static final String PREDICTIONS = "predictions";

    private final Graph graph;
    private final Ops tf;
    private final SeededWeights weights;
    private final GraphScope root;

    NetBuilder(long seed) {
        this.graph = new Graph();
        this.tf = Ops.create(graph);
        this.weights = new SeededWeights(seed);
        this.root = GraphScope.root(tf);
    }

    /** The root name scope. */
    GraphScope root() {
        return root;
    }

    /** The {@code input} placeholder: float32 NHWC {@code [-1, size, size, 3]}. */
    Operand<TFloat32> input(int size) {
        return root.named(INPUT).placeholder(TFloat32.class,
                Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, size, size, 3)));
    }

    /** Channels (last dimension) of a statically shaped NHWC tensor. */
    static int channels(Operand<TFloat32> x) {
        return (int) x.shape().get(x.shape().numDimensions() - 1);
    }

    /** Height (= width, the zoo's images are square) of a statically shaped NHWC tensor. */
    static int spatial(Operand<TFloat32> x) {
        return (int) x.shape().get(1);
    }

    /** A {@code Const} node holding {@code value}, which this method closes (the graph keeps its own copy). */
    Operand<TFloat32> constant(GraphScope s, String name, TFloat32 value) {
        try (value) {
            return s.named(name).constantOf(value);
        }
    }

    /** Conv2D without bias; He-uniform HWIO weights named {@code weights}. */
    Operand<TFloat32> conv(GraphScope s, Operand<TFloat32> x, int kh, int kw, int filters, int stride,
            String padding) {
        int in = channels(x);
        Operand<TFloat32> w = constant(s, "weights",
                weights.heUniform(s.qualified("weights"), (long) kh * kw * in, kh, kw, in, filters));
        return s.named("Conv2D").nn.conv2d(x, w, List.of(1L, (long) stride, (long) stride, 1L), padding);
    }

    /** DepthwiseConv2dNative, channel multiplier 1; He-uniform weights named {@code depthwise_weights}. */
    Operand<TFloat32> depthwiseConv(GraphScope s, Operand<TFloat32> x, int k, int stride, String padding) {
        int in = channels(x);
        Operand<TFloat32> w = constant(s, "depthwise_weights",
                weights.heUniform(s.qualified("depthwise_weights"), (long) k * k, k, k, in, 1));
        return s.named("depthwise").nn.depthwiseConv2dNative(x, w, List.of(1L, (long) stride, (long) stride, 1L),
                padding);
    }

    /**
     * Inference batch-norm ({@code FusedBatchNormV3}, {@code is_training=false}) in a {@code BatchNorm} sub-scope:
     * gamma ~ U(0.8, 1.2) * gammaScale, beta ~ U(-0.1, 0.1), moving mean ~ U(-0.1, 0.1), moving variance ~ U(0.8,
     * 1.2), all strictly inside the ranges a trained network shows, so the layer is close to (but not) the identity.
     */
    Operand<TFloat32> batchNorm(GraphScope s, Operand<TFloat32> x, float epsilon, double gammaScale) {
        GraphScope bn = s.child("BatchNorm");
        int c = channels(x);
        Operand<TFloat32> gamma = constant(bn, "gamma",
                weights.uniform(bn.qualified("gamma"), 0.8 * gammaScale, 1.2 * gammaScale, c));
        Operand<TFloat32> beta = constant(bn, "beta", weights.uniform(bn.qualified("beta"), -0.1, 0.1, c));
        Operand<TFloat32> mean = constant(bn, "moving_mean",
                weights.uniform(bn.qualified("moving_mean"), -0.1, 0.1, c));
        Operand<TFloat32> variance = constant(bn, "moving_variance",
                weights.uniform(bn.qualified("moving_variance"), 0.8, 1.2, c));
        return bn.named("FusedBatchNormV3").nn
                .fusedBatchNorm(x, gamma, beta, mean, variance, FusedBatchNorm.epsilon(epsilon),
                        FusedBatchNorm.isTraining(false))
                .y();
    }

    /** {@code Relu}, {@code Relu6} or nothing. */
    Operand<TFloat32> activation(GraphScope s, Operand<TFloat32> x, Activation activation) {
        return switch (activation) {
            case NONE -> x;
            case RELU -> s.named("Relu").nn.relu(x);
            case RELU6 -> s.named("Relu6").nn.relu6(x);
        };
    }

    /** Conv2D + batch-norm + activation in the sub-scope {@code name}. */
    Operand<TFloat32> convBn(GraphScope parent, String name, Operand<TFloat32> x, int kh, int kw, int filters,
            int stride, String padding, float epsilon, Activation act, double gammaScale) {
        GraphScope s = parent.child(name);
        return activation(s, batchNorm(s, conv(s, x, kh, kw, filters, stride, padding), epsilon, gammaScale), act);
    }

    /** Depthwise conv + batch-norm + activation in the sub-scope {@code name}. */
    Operand<TFloat32> depthwiseBn(GraphScope parent, String name, Operand<TFloat32> x, int k, int stride,
            String padding, float epsilon, Activation act) {
        GraphScope s = parent.child(name);
        return activation(s, batchNorm(s, depthwiseConv(s, x, k, stride, padding), epsilon, 1.0), act);
    }

    /** {@code MaxPool} (the v1 op with ksize/strides attributes, as slim and Keras graphs have). */
    Operand<TFloat32> maxPool(GraphScope s, String name, Operand<TFloat32> x, int k, int stride, String padding) {
        return pool("MaxPool", s, name, x, k, stride, padding);
    }

    /** {@code AvgPool}; with SAME padding TensorFlow averages over the valid (unpadded) cells only. */
    Operand<TFloat32> avgPool(GraphScope s, String name, Operand<TFloat32> x, int k, int stride, String padding) {
        return pool("AvgPool", s, name, x, k, stride, padding);
    }

    private Operand<TFloat32> pool(String type, GraphScope s, String name, Operand<TFloat32> x, int k, int stride,
            String padding) {
        return s.named(name).scope().opBuilder(type, name)
                .addInput(x.asOutput())
                .setAttr("ksize", new long[] {1, k, k, 1})
                .setAttr("strides", new long[] {1, stride, stride, 1})
                .setAttr("padding", padding)
                .setAttr("data_format", "NHWC")
                .build()
                .<TFloat32>output(0);
    }

    /** Zero {@code Pad} (the v1 op, as Keras' ZeroPadding2D emits) of the spatial dimensions. */
    Operand<TFloat32> pad(GraphScope s, String name, Operand<TFloat32> x, int top, int bottom, int left, int right) {
        Operand<TInt32> paddings = s.named(name + "_paddings")
                .constant(new int[][] {{0, 0}, {top, bottom}, {left, right}, {0, 0}});
        return s.named(name).scope().opBuilder("Pad", name)
                .addInput(x.asOutput())
                .addInput(paddings.asOutput())
                .build()
                .<TFloat32>output(0);
    }

    /** {@code ConcatV2} along channels. */
    Operand<TFloat32> concat(GraphScope s, String name, List<Operand<TFloat32>> parts) {
        Operand<TInt32> axis = s.named(name + "_axis").constant(3);
        return s.named(name).concat(parts, axis);
    }

    /** Element-wise {@code AddV2} (a residual connection, as TensorFlow 2 graphs write it). */
    Operand<TFloat32> add(GraphScope s, String name, Operand<TFloat32> a, Operand<TFloat32> b) {
        return s.named(name).scope().opBuilder("AddV2", name)
                .addInput(a.asOutput())
                .addInput(b.asOutput())
                .build()
                .<TFloat32>output(0);
    }

    /** Global average pooling as Keras writes it: {@code Mean} over H and W, NHWC -> NC. */
    Operand<TFloat32> globalMean(GraphScope s, String name, Operand<TFloat32> x) {
        Operand<TInt32> axes = s.named(name + "_axes").constant(new int[] {1, 2});
        return s.named(name).math.mean(x, axes, Mean.keepDims(false));
    }

    /**
     * A slim classifier: 1x1 {@code Conv2D} with Glorot weights and {@code BiasAdd} biases on a 1x1 feature map,
     * then {@code Squeeze} of H and W: NHWC {@code [N, 1, 1, C]} -> {@code [N, classes]}.
     */
    Operand<TFloat32> convClassifier(GraphScope parent, String name, Operand<TFloat32> x, int classes) {
        GraphScope s = parent.child(name);
        int in = channels(x);
        Operand<TFloat32> w = constant(s, "weights",
                weights.glorotUniform(s.qualified("weights"), in, classes, 1, 1, in, classes));
        Operand<TFloat32> b = constant(s, "biases", weights.uniform(s.qualified("biases"), -0.1, 0.1, classes));
        Operand<TFloat32> conv = s.named("Conv2D").nn.conv2d(x, w, List.of(1L, 1L, 1L, 1L), "VALID");
        Operand<TFloat32> biased = s.named("BiasAdd").nn.biasAdd(conv, b);
        return parent.named("SpatialSqueeze").squeeze(biased, Squeeze.axis(1L, 2L));
    }

    /** A Keras classifier: {@code MatMul} with Glorot kernel, then {@code BiasAdd}: {@code [N, C]} -> {@code [N, classes]}. */
    Operand<TFloat32> denseClassifier(GraphScope parent, String name, Operand<TFloat32> x, int classes) {
        GraphScope s = parent.child(name);
        int in = (int) x.shape().get(1);
        Operand<TFloat32> w = constant(s, "kernel", weights.glorotUniform(s.qualified("kernel"), in, classes, in, classes));
        Operand<TFloat32> b = constant(s, "bias", weights.uniform(s.qualified("bias"), -0.1, 0.1, classes));
        return s.named("BiasAdd").nn.biasAdd(s.named("MatMul").linalg.matMul(x, w), b);
    }

    /**
     * Names the outputs ({@code logits} = identity of the classifier, {@code predictions} = its softmax) and exports
     * the graph.
     */
    FrozenGraph finish(Operand<TFloat32> classifier, int inputSize, int classes) {
        Operand<TFloat32> logits = root.named(LOGITS).identity(classifier);
        root.named(PREDICTIONS).nn.softmax(logits);
        GraphDef graphDef = graph.toGraphDef();
        return new FrozenGraph(graphDef,
                List.of(new TensorSpec(INPUT + ":0", DataType.FLOAT,
                        io.trt4j.core.Shape.of(-1, inputSize, inputSize, 3))),
                List.of(new TensorSpec(PREDICTIONS + ":0", DataType.FLOAT, io.trt4j.core.Shape.of(-1, classes)),
                        new TensorSpec(LOGITS + ":0", DataType.FLOAT, io.trt4j.core.Shape.of(-1, classes))));
    }

    @Override
    public void close() {
        graph.close();
    }
}
