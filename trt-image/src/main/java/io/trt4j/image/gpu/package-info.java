/**
 * GPU preprocessing: 8-bit NHWC RGB pixels (prepared on the CPU by a {@link io.trt4j.image.Preprocessor} with UINT8
 * NHWC output) are copied to the device and turned into the engine's input (channel order, normalization, FLOAT or
 * HALF, NCHW or NHWC) by one CUDA kernel compiled at run time with NVRTC. A quarter of the bytes of a FLOAT input
 * cross PCIe, and the results are bit-identical to the CPU path (both read the same lookup tables).
 * JavaCPP is confined to {@code io.trt4j.image.gpu.internal}.
 */
package io.trt4j.image.gpu;
