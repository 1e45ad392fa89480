/** JavaCPP/CUDA driver and NVRTC calls behind {@link io.trt4j.image.gpu.GpuNormalizer}. Not API. */
package io.trt4j.image.gpu.internal;
