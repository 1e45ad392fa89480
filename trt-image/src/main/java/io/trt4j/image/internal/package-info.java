/**
 * Implementation details of trt-image (Exif parsing, pixel extraction from javax.imageio rasters, resampling tables,
 * half-precision rounding; whether the Vector API kernels may run ({@link io.trt4j.image.internal.VectorApiSupport}),
 * the thread that warms them up ({@link io.trt4j.image.internal.VectorWarmupRunner}) and their transpose constants).
 * Not API: may change without notice.
 */
package io.trt4j.image.internal;
