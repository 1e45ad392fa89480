package io.trt4j.convert.zoo;

import io.trt4j.core.Shape;

/**
 * The architectures of the model zoo, with their native input size and published parameter counts.
 *
 * <p>Parameter counts are what papers and model cards quote: weights, biases and batch-norm gamma/beta, without the
 * batch-norm moving statistics; Inception v3 is counted without its auxiliary (training-only) head.
 *
 * <p>Thread-safety: immutable.
 */
public enum ZooModel {
    /** Inception v3 (TF-Slim layout), 299x299, 23.8M parameters without the auxiliary head. */
    INCEPTION_V3("Inception v3", 299, 75, 23_800_000L),
    /** ResNet-50 v1 (stride 2 on the first 1x1 convolution of a stage, as the paper and Keras), 224x224, 25.6M. */
    RESNET50_V1("ResNet-50 v1", 224, 32, 25_600_000L),
    /** MobileNet v1 1.0 (TF-Slim layout), 224x224, 4.2M parameters. */
    MOBILENET_V1("MobileNet v1", 224, 32, 4_200_000L),
    /** MobileNet v2 1.0 (Keras layout), 224x224, 3.5M parameters. */
    MOBILENET_V2("MobileNet v2", 224, 32, 3_500_000L);

    private final String displayName;
    private final int inputSize;
    private final int minInputSize;
    private final long publishedParameters;

    ZooModel(String displayName, int inputSize, int minInputSize, long publishedParameters) {
        this.displayName = displayName;
        this.inputSize = inputSize;
        this.minInputSize = minInputSize;
        this.publishedParameters = publishedParameters;
    }

    /** Human-readable name, like {@code "Inception v3"}. */
    public String displayName() {
        return displayName;
    }

    /** Native square input resolution in pixels (299 for Inception v3, 224 for the others). */
    public int inputSize() {
        return inputSize;
    }

    /** Smallest input resolution the architecture accepts (its VALID convolutions and strides need this much). */
    public int minInputSize() {
        return minInputSize;
    }

    /** The input shape at the native size: NHWC float32 {@code [-1, size, size, 3]}, batch dynamic. */
    public Shape inputShape() {
        return Shape.of(-1, inputSize, inputSize, 3);
    }

    /** The parameter count the literature quotes for the 1000-class model at width 1 (rounded to 0.1M). */
    public long publishedParameters() {
        return publishedParameters;
    }
}
