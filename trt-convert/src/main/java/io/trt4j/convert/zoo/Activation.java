package io.trt4j.convert.zoo;

/**
 * The non-linearity after a batch-norm: none (linear bottlenecks, residual branches before the add), ReLU or ReLU6.
 *
 * <p>Thread-safety: immutable.
 */
enum Activation {
    NONE,
    RELU,
    RELU6
}
