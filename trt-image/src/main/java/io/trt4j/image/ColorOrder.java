package io.trt4j.image;

/**
 * Channel order of the output tensor. {@link #GRAY} has one channel: ITU-R BT.601 luma computed from the resized
 * 8-bit RGB pixel exactly as PIL's {@code convert("L")}: {@code (19595 R + 38470 G + 7471 B + 32768) >> 16}.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public enum ColorOrder {
    /** Channels R, G, B (TensorFlow/Keras, PyTorch models). */
    RGB(3),
    /** Channels B, G, R (Caffe, OpenCV-trained models). */
    BGR(3),
    /** One luma channel. */
    GRAY(1);

    private final int channels;

    ColorOrder(int channels) {
        this.channels = channels;
    }

    /** Number of output channels (3 or 1). */
    public int channels() {
        return channels;
    }
}
