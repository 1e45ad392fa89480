/**
 * Internals: every JavaCPP call (CUDA runtime, TensorRT), native library loading and diagnosis, the TensorRT logger
 * bridge ({@link io.trt4j.core.internal.TrtLogging#logger()}), the native-resource base class and memory counters.
 * Public only so trt4j's other modules can use it; not a stable API.
 */
package io.trt4j.core.internal;
