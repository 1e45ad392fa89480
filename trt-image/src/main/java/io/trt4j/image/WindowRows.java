package io.trt4j.image;

/**
 * The rows of one image's resized window, as {@link Preprocessor#write} takes them: R, G, B planes of {@code int}
 * values 0..255, {@code count} values a row. {@link RowResampler} gives them for a decoded RGB image,
 * {@link PlaneResampler} for a JPEG's component planes.
 *
 * <p>Thread-safety: implementations are not thread-safe; one instance per image and thread.
 */
interface WindowRows {
    /** Writes row {@code j} of the window into {@code out[0..2]} at indices {@code off ..}. */
    void row(int j, int[][] out, int off);

    /** Whether {@link #rowView} is available (else only {@link #row}). */
    boolean hasRowView();

    /** Row {@code j} as the implementation's own R, G, B planes, valid until the next call; see {@link #hasRowView}. */
    int[][] rowView(int j);

    /** Gives scratch arrays back to this thread's spare arrays; call once, after the last row. */
    void release();
}
