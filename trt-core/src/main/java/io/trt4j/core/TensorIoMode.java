package io.trt4j.core;

/**
 * Whether an engine IO tensor is fed by the caller or produced by the engine.
 *
 * <p>Thread-safety: immutable.
 */
public enum TensorIoMode {
    /** Fed by the caller. */
    INPUT,
    /** Produced by the engine. */
    OUTPUT
}
