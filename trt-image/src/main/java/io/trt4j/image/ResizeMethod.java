package io.trt4j.image;

/**
 * How source pixels are combined into an output pixel. All methods use half-pixel centres: output pixel {@code i} of
 * a resize from {@code inSize} to {@code outSize} (scale {@code s = inSize / outSize}) is centred at source
 * coordinate {@code c = (i + 0.5) * s}, where source pixel {@code k} covers {@code [k, k + 1)} and is centred at
 * {@code k + 0.5}. The result is rounded half up to uint8 0..255 (as Pillow and OpenCV produce 8-bit images);
 * normalization is applied afterwards. Resizing is separable; it is computed vertically first (22-bit fixed-point
 * weights), then horizontally (float), and the result is within 1 LSB of the exact two-dimensional definition.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public enum ResizeMethod {
    /**
     * Source pixel {@code min(floor(c), inSize - 1)}, with {@code c} evaluated exactly (integer arithmetic). Pillow
     * NEAREST and TF2 nearest use the same definition but evaluate {@code c} in floating point, so where the exact
     * centre is an integer they may pick the pixel before it (e.g. 768 to 299: column 149, Pillow 383, here 384).
     */
    NEAREST,
    /**
     * Two-tap linear interpolation at {@code x = c - 0.5}: taps {@code floor(x)} and {@code floor(x) + 1} with weights
     * {@code 1 - f} and {@code f}, {@code f = x - floor(x)}; taps outside the source are clamped to the edge pixel.
     * Equals OpenCV {@code INTER_LINEAR} and TF2 {@code tf.image.resize(method="bilinear", antialias=False)}
     * up to rounding. Downscaling by more than 2x skips source pixels (aliasing).
     */
    BILINEAR,
    /**
     * Triangle (tent) filter widened by the scale factor when downscaling, as Pillow {@code BILINEAR} and TF2
     * {@code antialias=True}: support {@code r = max(s, 1)}, weight of source pixel {@code k} is
     * {@code max(0, 1 - |k + 0.5 - c| / r)}, over {@code k} in {@code [floor(c - r), ceil(c + r))} restricted to the
     * image, then divided by the sum of the weights kept. For upscaling this is {@link #BILINEAR}.
     */
    BILINEAR_ANTIALIAS,
    /**
     * Box filter: the output pixel averages the source interval {@code [i * s, (i + 1) * s)}, each source pixel
     * weighted by the length of its overlap with that interval divided by {@code s} (OpenCV {@code INTER_AREA} for
     * downscaling, TF {@code method="area"}).
     */
    AREA
}
