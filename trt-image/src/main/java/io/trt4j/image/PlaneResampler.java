package io.trt4j.image;

import io.trt4j.image.internal.JpegYCbCr;

/**
 * The resized window of a JPEG given as its component planes ({@link io.trt4j.image.internal.jpeg.JpegPlanes}): each
 * plane is resized on its own by a one-channel {@link RowResampler} (subsampled chroma from its own resolution, with
 * tables that map the image's coordinates onto the plane's, {@link ResampleTable#buildForPlane}), and each output
 * row's Y, Cb, Cr values (0..255) are then converted to R, G, B (0..255) with libjpeg's arithmetic
 * ({@link JpegYCbCr#toRgbInts}); one gray plane gives R = G = B. Compared with resizing the decoded RGB image this
 * filters fewer samples (chroma at its own resolution, no upsampling) and converts only the output's pixels, and it
 * rounds once per plane instead of once for the upsampled chroma, once for RGB and once after the resize.
 *
 * <p>Thread-safety: not thread-safe; one instance per image and thread (the thread that made it).
 */
final class PlaneResampler implements WindowRows {
    private final RowResampler[] planes;
    private final int count;
    /** Per plane, the row when its resampler has no row view ({@code [1][count]}). */
    private final int[][][] planeRows;
    private final int[][] rgb;

    /**
     * @param planes one resampler per component (Y, Cb, Cr; or gray), each over {@code count} output columns
     */
    PlaneResampler(RowResampler[] planes, int count) {
        if (planes.length != 1 && planes.length != 3) {
            throw new IllegalArgumentException("1 or 3 planes, got " + planes.length);
        }
        this.planes = planes;
        this.count = count;
        this.planeRows = new int[planes.length][][];
        for (int c = 0; c < planes.length; c++) {
            if (!planes[c].hasRowView()) {
                planeRows[c] = new int[1][count];
            }
        }
        this.rgb = planes.length == 3 ? new int[3][count] : new int[3][];
    }

    @Override
    public void row(int j, int[][] out, int off) {
        int[][] r = rowView(j);
        for (int c = 0; c < 3; c++) {
            System.arraycopy(r[c], 0, out[c], off, count);
        }
    }

    @Override
    public boolean hasRowView() {
        return true;
    }

    @Override
    public int[][] rowView(int j) {
        if (planes.length == 1) {
            int[] gray = plane(0, j);
            rgb[0] = gray;
            rgb[1] = gray;
            rgb[2] = gray;
        } else {
            int[] y = plane(0, j);
            int[] cb = plane(1, j);
            int[] cr = plane(2, j);
            if (VectorResampling.ENABLED) { // a static final: without the module C2 folds this away
                VectorYccToRgb.toRgbInts(y, cb, cr, count, rgb[0], rgb[1], rgb[2]);
            } else {
                JpegYCbCr.toRgbInts(y, cb, cr, 0, count, rgb[0], rgb[1], rgb[2]);
            }
        }
        return rgb;
    }

    /** Row {@code j} of plane {@code c}'s resized window (values 0..255). */
    private int[] plane(int c, int j) {
        RowResampler r = planes[c];
        if (r.hasRowView()) {
            return r.rowView(j)[0];
        }
        r.row(j, planeRows[c], 0);
        return planeRows[c][0];
    }

    @Override
    public void release() {
        for (RowResampler r : planes) {
            r.release();
        }
    }
}
