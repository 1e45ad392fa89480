/**
 * CUDA runtime (library API) and NVRTC calls behind {@link io.trt4j.image.gpu.GpuNormalizer}: availability probe,
 * NVRTC compilation, kernel loading and launching, handle conversion and state descriptions for errors. Not API.
 */
package io.trt4j.image.gpu.internal;
