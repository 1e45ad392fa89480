/**
 * Implementation details of trt-image (Exif parsing, pixel extraction from javax.imageio rasters, resampling tables,
 * half-precision rounding; whether the Vector API kernels may run and each family's self-check
 * ({@link io.trt4j.image.internal.VectorApiSupport}), and their transpose constants; a thread's spare arrays for
 * per-image temporaries ({@link io.trt4j.image.internal.ScratchArrays}).
 * Not API: may change without notice.
 */
package io.trt4j.image.internal;
