/**
 * Pixels in, tensors out: decoding (JPEG, PNG, BMP, GIF first frame, EXIF orientation, pixel-count limit),
 * geometry (stretch, center crop, resize-shorter-side-then-crop, letterbox), resampling (nearest, bilinear,
 * antialiased bilinear, area), colour order, normalization presets, output layouts (NCHW, NHWC, CHW, HWC) and
 * element types (FLOAT, HALF, UINT8), written in one fused pass straight into a caller's {@link java.nio.ByteBuffer}
 * at a batch index.
 *
 * <p>The internal pixel format is {@link io.trt4j.image.RgbImage}: interleaved 8-bit RGB, row-major (HWC).
 * Entry points: {@link io.trt4j.image.ImageDecoder}, {@link io.trt4j.image.Preprocessor},
 * {@link io.trt4j.image.BatchPreprocessor}.
 */
package io.trt4j.image;
