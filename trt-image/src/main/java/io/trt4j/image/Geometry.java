package io.trt4j.image;

/**
 * How a W x H source is fitted into the {@code outW} x {@code outH} output. Integer arithmetic throughout; crops are
 * whole pixels. Each kind is exactly "crop the source, resize the crop to an intermediate size, take a window of the
 * intermediate, place it in the output, fill the rest", done in one pass:
 * <ul>
 *   <li>{@link #stretch()}: resize the whole image to outW x outH (aspect ratio not kept).</li>
 *   <li>{@link #centerCrop(double)}: crop the centre fraction like TF {@code tf.image.central_crop}: offset
 *       {@code floor((H - H * f) / 2)}, size {@code H - 2 * offset} (same for W), then stretch to outW x outH.</li>
 *   <li>{@link #resizeShorterSideThenCenterCrop(int)}: resize so the shorter side is S and the longer side
 *       {@code floor(S * long / short)} (torchvision {@code Resize(S)}), then crop outW x outH at offsets
 *       {@code floor((resized - out) / 2)}. Requires {@code S >= max(outW, outH)}.</li>
 *   <li>{@link #letterbox(int, int, int)}: resize keeping the aspect ratio so the image fits (the limiting side
 *       becomes exactly out, the other {@code round(side * scale)} with halves rounded up), centre it at offsets
 *       {@code floor((out - resized) / 2)}, and fill the borders with an 8-bit colour that is then normalized like any
 *       pixel.</li>
 * </ul>
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public final class Geometry {
    enum Kind { STRETCH, CENTER_CROP, SHORTER_SIDE_CROP, LETTERBOX }

    private static final Geometry STRETCH = new Geometry(Kind.STRETCH, 1, 0, new int[] {0, 0, 0});

    private final Kind kind;
    private final double fraction;
    private final int shorterSide;
    private final int[] fill;

    private Geometry(Kind kind, double fraction, int shorterSide, int[] fill) {
        this.kind = kind;
        this.fraction = fraction;
        this.shorterSide = shorterSide;
        this.fill = fill;
    }

    /** Resize the whole image to the output size. */
    public static Geometry stretch() {
        return STRETCH;
    }

    /** Crop the central {@code fraction} (0 &lt; f &lt;= 1) of each side, then resize to the output (Inception: 0.875). */
    public static Geometry centerCrop(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("crop fraction must be in (0, 1], got " + fraction);
        }
        return new Geometry(Kind.CENTER_CROP, fraction, 0, new int[] {0, 0, 0});
    }

    /** Resize the shorter side to {@code shorterSide} keeping the aspect ratio, then crop the output size (ResNet: 256 then 224). */
    public static Geometry resizeShorterSideThenCenterCrop(int shorterSide) {
        if (shorterSide <= 0) {
            throw new IllegalArgumentException("shorter side must be positive, got " + shorterSide);
        }
        return new Geometry(Kind.SHORTER_SIDE_CROP, 1, shorterSide, new int[] {0, 0, 0});
    }

    /** Fit inside the output keeping the aspect ratio; borders get the 8-bit colour (red, green, blue), each 0..255. */
    public static Geometry letterbox(int red, int green, int blue) {
        int[] fill = {red, green, blue};
        for (int v : fill) {
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("fill values must be 0..255, got " + red + "," + green + "," + blue);
            }
        }
        return new Geometry(Kind.LETTERBOX, 1, 0, fill);
    }

    /** {@link #letterbox(int, int, int)} with a gray fill. */
    public static Geometry letterbox(int gray) {
        return letterbox(gray, gray, gray);
    }

    /** The 8-bit RGB fill of a letterbox (0, 0, 0 otherwise). */
    public int[] fill() {
        return fill.clone();
    }

    /** Checks the output size this geometry is used with. */
    void checkOutput(int outW, int outH) {
        if (kind == Kind.SHORTER_SIDE_CROP && shorterSide < Math.max(outW, outH)) {
            throw new IllegalArgumentException("shorter side " + shorterSide + " is smaller than the output "
                    + outW + "x" + outH);
        }
    }

    /** The smallest source side length that keeps full detail for an output whose longer side is {@code outSide}. */
    int neededSourceSide(int outSide) {
        return switch (kind) {
            case CENTER_CROP -> (int) Math.ceil(outSide / fraction);
            case SHORTER_SIDE_CROP -> Math.max(shorterSide, outSide);
            default -> outSide;
        };
    }

    /** The placement of a {@code srcW} x {@code srcH} image in an {@code outW} x {@code outH} output. */
    Placement place(int srcW, int srcH, int outW, int outH) {
        switch (kind) {
            case STRETCH:
                return new Placement(0, 0, srcW, srcH, outW, outH, 0, 0, 0, 0, outW, outH);
            case CENTER_CROP: {
                int offX = (int) Math.floor((srcW - srcW * fraction) / 2);
                int offY = (int) Math.floor((srcH - srcH * fraction) / 2);
                int cw = Math.max(1, srcW - 2 * offX);
                int ch = Math.max(1, srcH - 2 * offY);
                return new Placement(offX, offY, cw, ch, outW, outH, 0, 0, 0, 0, outW, outH);
            }
            case SHORTER_SIDE_CROP: {
                int rw;
                int rh;
                if (srcW <= srcH) {
                    rw = shorterSide;
                    rh = (int) ((long) shorterSide * srcH / srcW);
                } else {
                    rh = shorterSide;
                    rw = (int) ((long) shorterSide * srcW / srcH);
                }
                return new Placement(0, 0, srcW, srcH, rw, rh, (rw - outW) / 2, (rh - outH) / 2, 0, 0, outW, outH);
            }
            case LETTERBOX: {
                int rw;
                int rh;
                if ((long) outW * srcH <= (long) outH * srcW) { // width limits
                    rw = outW;
                    rh = (int) Math.max(1, Math.min(outH, (2L * srcH * outW + srcW) / (2L * srcW)));
                } else {
                    rh = outH;
                    rw = (int) Math.max(1, Math.min(outW, (2L * srcW * outH + srcH) / (2L * srcH)));
                }
                return new Placement(0, 0, srcW, srcH, rw, rh, 0, 0, (outW - rw) / 2, (outH - rh) / 2, rw, rh);
            }
            default:
                throw new AssertionError(kind);
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STRETCH -> "stretch";
            case CENTER_CROP -> "centerCrop(" + fraction + ")";
            case SHORTER_SIDE_CROP -> "resizeShorterSideThenCenterCrop(" + shorterSide + ")";
            case LETTERBOX -> "letterbox(" + fill[0] + "," + fill[1] + "," + fill[2] + ")";
        };
    }
}
