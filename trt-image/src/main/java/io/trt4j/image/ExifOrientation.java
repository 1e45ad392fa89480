package io.trt4j.image;

import io.trt4j.image.internal.JpegExif;

/**
 * The eight values of the Exif/TIFF Orientation tag (0x0112) and the transform that turns the stored pixels into the
 * upright image. For an input of W x H, the upright output has the same size for values 1-4 and H x W for 5-8; the
 * output pixel (x, y) comes from the stored pixel given with each constant.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public enum ExifOrientation {
    /** 1: stored upright; {@code in(x, y)}. */
    NORMAL(1),
    /** 2: mirrored left-right; {@code in(W-1-x, y)}. */
    FLIP_HORIZONTAL(2),
    /** 3: upside down; {@code in(W-1-x, H-1-y)}. */
    ROTATE_180(3),
    /** 4: mirrored top-bottom; {@code in(x, H-1-y)}. */
    FLIP_VERTICAL(4),
    /** 5: transposed (mirror about the main diagonal); {@code in(y, x)}. */
    TRANSPOSE(5),
    /** 6: needs a 90 degree clockwise turn; {@code in(y, H-1-x)}. */
    ROTATE_90_CW(6),
    /** 7: transversed (mirror about the anti-diagonal); {@code in(W-1-y, H-1-x)}. */
    TRANSVERSE(7),
    /** 8: needs a 90 degree counter-clockwise turn; {@code in(W-1-y, x)}. */
    ROTATE_90_CCW(8);

    private final int tagValue;

    ExifOrientation(int tagValue) {
        this.tagValue = tagValue;
    }

    /** The Exif tag value 1..8. */
    public int tagValue() {
        return tagValue;
    }

    /** Whether the upright image has width and height swapped. */
    public boolean swapsAxes() {
        return tagValue >= 5;
    }

    /** The constant for tag value 1..8; anything else (absent, 0, out of range) is {@link #NORMAL}. */
    public static ExifOrientation ofTagValue(int value) {
        return value >= 1 && value <= 8 ? values()[value - 1] : NORMAL;
    }

    /**
     * Reads the orientation from the APP1 Exif segment of JPEG bytes. Missing, malformed or truncated Exif data gives
     * {@link #NORMAL} (the image itself may still decode); non-JPEG data gives {@link #NORMAL}.
     */
    public static ExifOrientation fromJpeg(byte[] jpeg) {
        return ofTagValue(JpegExif.orientation(jpeg));
    }

    /**
     * Returns the upright image (HWC RGB uint8 in, HWC RGB uint8 out); {@link #NORMAL} returns {@code image} itself.
     */
    public RgbImage apply(RgbImage image) {
        if (this == NORMAL) {
            return image;
        }
        final int w = image.width();
        final int h = image.height();
        final byte[] in = image.pixels();
        final int ow = swapsAxes() ? h : w;
        final int oh = swapsAxes() ? w : h;
        final byte[] out = new byte[in.length];
        int o = 0;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (this) {
                    case FLIP_HORIZONTAL -> { sx = w - 1 - x; sy = y; }
                    case ROTATE_180 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case FLIP_VERTICAL -> { sx = x; sy = h - 1 - y; }
                    case TRANSPOSE -> { sx = y; sy = x; }
                    case ROTATE_90_CW -> { sx = y; sy = h - 1 - x; }
                    case TRANSVERSE -> { sx = w - 1 - y; sy = h - 1 - x; }
                    case ROTATE_90_CCW -> { sx = w - 1 - y; sy = x; }
                    default -> throw new AssertionError(this);
                }
                int i = (sy * w + sx) * 3;
                out[o++] = in[i];
                out[o++] = in[i + 1];
                out[o++] = in[i + 2];
            }
        }
        return RgbImage.wrap(ow, oh, out);
    }
}
