package io.trt4j.convert.zoo;

/**
 * How to build a zoo model: the weight seed, and optionally a smaller variant for fast tests.
 *
 * <p>The defaults ({@link #of(long)}) give the real architecture: width 1, the model's native input size, 1000
 * classes. {@code widthMultiplier} scales every layer's channel count the way each model's reference implementation
 * does (slim's {@code depth_multiplier} for Inception v3 and MobileNet v1, Keras' {@code alpha} for MobileNet v2,
 * channels rounded to multiples of 8 for ResNet-50); {@code inputSize} changes the square input resolution (the
 * global pooling adapts); {@code classes} changes the classifier width.
 *
 * <p>Thread-safety: immutable.
 *
 * @param seed seed of every weight; equal seeds give bit-identical graphs
 * @param widthMultiplier channel multiplier, in (0, 4]; 1 for the published model
 * @param inputSize square input resolution in pixels, or 0 for the model's native size
 * @param classes number of output classes, at least 2
 */
public record ZooOptions(long seed, double widthMultiplier, int inputSize, int classes) {
    /** Largest accepted width multiplier. */
    public static final double MAX_WIDTH = 4.0;

    public ZooOptions {
        if (!(widthMultiplier > 0 && widthMultiplier <= MAX_WIDTH)) {
            throw new IllegalArgumentException("widthMultiplier is " + widthMultiplier + ": it must be in (0, "
                    + MAX_WIDTH + "]");
        }
        if (inputSize < 0) {
            throw new IllegalArgumentException("inputSize is " + inputSize + ": it must be positive, or 0 for the "
                    + "model's native size");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes is " + classes + ": a classifier needs at least 2");
        }
    }

    /** The published model (width 1, native input size, 1000 classes) with weights from {@code seed}. */
    public static ZooOptions of(long seed) {
        return new ZooOptions(seed, 1.0, 0, 1000);
    }

    /** A copy with another width multiplier. */
    public ZooOptions withWidthMultiplier(double multiplier) {
        return new ZooOptions(seed, multiplier, inputSize, classes);
    }

    /** A copy with another square input size (0: the model's native size). */
    public ZooOptions withInputSize(int size) {
        return new ZooOptions(seed, widthMultiplier, size, classes);
    }

    /** A copy with another number of classes. */
    public ZooOptions withClasses(int count) {
        return new ZooOptions(seed, widthMultiplier, inputSize, count);
    }

    /** The input size to build for {@code model}: {@link #inputSize()}, or the model's native size if that is 0. */
    public int inputSizeFor(ZooModel model) {
        return inputSize == 0 ? model.inputSize() : inputSize;
    }
}
