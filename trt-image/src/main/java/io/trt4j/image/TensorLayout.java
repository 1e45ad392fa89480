package io.trt4j.image;

/**
 * Memory order of the image tensor, C = channels, H = rows, W = columns, N = batch. {@code CHW}/{@code HWC} describe
 * one image; {@code NCHW}/{@code NHWC} a batch of such images laid one after another, so image {@code n} of a batch
 * starts at element {@code n * C * H * W} in every layout.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public enum TensorLayout {
    /** Batch, channel planes, rows, columns (TensorRT and PyTorch convention). */
    NCHW(true, true),
    /** Batch, rows, columns, interleaved channels (TensorFlow convention). */
    NHWC(true, false),
    /** One image: channel planes, rows, columns. */
    CHW(false, true),
    /** One image: rows, columns, interleaved channels. */
    HWC(false, false);

    private final boolean batched;
    private final boolean planar;

    TensorLayout(boolean batched, boolean planar) {
        this.batched = batched;
        this.planar = planar;
    }

    /** Whether the shape has a leading batch dimension. */
    public boolean batched() {
        return batched;
    }

    /** Whether channels are separate planes (CHW order) rather than interleaved (HWC order). */
    public boolean planar() {
        return planar;
    }

    /** The tensor shape for {@code batch} images of {@code channels} x {@code height} x {@code width}. */
    public long[] shape(int batch, int channels, int height, int width) {
        if (!batched && batch != 1) {
            throw new IllegalArgumentException(this + " holds one image, asked for a batch of " + batch);
        }
        return switch (this) {
            case NCHW -> new long[] {batch, channels, height, width};
            case NHWC -> new long[] {batch, height, width, channels};
            case CHW -> new long[] {channels, height, width};
            case HWC -> new long[] {height, width, channels};
        };
    }
}
