package io.trt4j.convert.zoo;

import io.trt4j.convert.tf.FrozenGraph;
import java.util.Objects;

/**
 * Real image-classification architectures built with TensorFlow Java ops and seeded weights: frozen graphs to test
 * the converter, the engine builder and the runtime on, without downloading anything.
 *
 * <p>Every graph has one input, {@value #INPUT} (a {@code Placeholder}, float32 NHWC {@code [-1, H, W, 3]}, any
 * value range: the networks are plain convolutions, {@code [0, 1]} or {@code [-1, 1]} images both keep activations
 * O(1)), and two outputs, {@value #PREDICTIONS} (softmax probabilities, float32 {@code [-1, classes]}) and
 * {@value #LOGITS} (the pre-softmax scores). Weights are {@code Const} nodes: He-uniform convolutions, Glorot-uniform
 * classifiers, batch-norm statistics near identity ({@code FusedBatchNormV3}, {@code is_training=false}), so that
 * activations stay O(1) through the whole depth and the softmax is neither one-hot nor uniform. Equal seeds give
 * bit-identical graphs on every JDK. Building Inception v3 (23.8M weights, ~96 MB of constants) takes about a second.
 *
 * <p>Thread-safety: stateless; models may be built concurrently.
 */
public final class ModelZoo {
    /** Name of the input tensor of every zoo graph. */
    public static final String INPUT = NetBuilder.INPUT + ":0";
    /** Name of the softmax output tensor of every zoo graph. */
    public static final String PREDICTIONS = NetBuilder.PREDICTIONS + ":0";
    /** Name of the logits output tensor of every zoo graph. */
    public static final String LOGITS = NetBuilder.LOGITS + ":0";

    private ModelZoo() {
    }

    /** Inception v3, 299x299, 1000 classes, weights from {@code seed}. */
    public static FrozenGraph inceptionV3(long seed) {
        return build(ZooModel.INCEPTION_V3, seed);
    }

    /** ResNet-50 v1, 224x224, 1000 classes, weights from {@code seed}. */
    public static FrozenGraph resnet50V1(long seed) {
        return build(ZooModel.RESNET50_V1, seed);
    }

    /** MobileNet v1 1.0, 224x224, 1000 classes, weights from {@code seed}. */
    public static FrozenGraph mobilenetV1(long seed) {
        return build(ZooModel.MOBILENET_V1, seed);
    }

    /** MobileNet v2 1.0, 224x224, 1000 classes, weights from {@code seed}. */
    public static FrozenGraph mobilenetV2(long seed) {
        return build(ZooModel.MOBILENET_V2, seed);
    }

    /** The published {@code model} (width 1, native size, 1000 classes) with weights from {@code seed}. */
    public static FrozenGraph build(ZooModel model, long seed) {
        return build(model, ZooOptions.of(seed));
    }

    /**
     * {@code model} built as {@code options} say; smaller widths and input sizes make fast test models.
     *
     * @throws IllegalArgumentException if the input size is below {@link ZooModel#minInputSize()}
     */
    public static FrozenGraph build(ZooModel model, ZooOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        int size = options.inputSizeFor(model);
        if (size < model.minInputSize()) {
            throw new IllegalArgumentException(model.displayName() + " needs inputs of at least "
                    + model.minInputSize() + "x" + model.minInputSize() + " pixels, got " + size);
        }
        return switch (model) {
            case INCEPTION_V3 -> InceptionV3.build(options, size);
            case RESNET50_V1 -> ResNet50V1.build(options, size);
            case MOBILENET_V1 -> MobileNetV1.build(options, size);
            case MOBILENET_V2 -> MobileNetV2.build(options, size);
        };
    }
}
