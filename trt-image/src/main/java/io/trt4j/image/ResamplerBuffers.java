package io.trt4j.image;

import io.trt4j.image.internal.ScratchArrays;

/**
 * The large scratch arrays of one {@link RowResampler} (the ring of widened source rows; the strips' sums, columns
 * and rows, or the row-by-row pass's sums and row), reused from image to image on a thread through
 * {@link ScratchArrays}. Every dimension is at least what the resampler needs (at most twice for the lane lengths);
 * contents are whatever the last image left: the resampler writes every element it reads with a non-zero weight, and
 * the stale elements it reads with a zero weight are finite (sums of bytes times weights), so the bytes are those of
 * fresh arrays ({@code ResamplerBuffersTest}).
 *
 * <p>Thread-safety: owned by one resampler, then by its thread's {@link ScratchArrays}.
 */
final class ResamplerBuffers {
    final boolean strips;
    /** {@code [>= ring rows][4][>= laneLen]}. */
    final int[][][] ring;
    /** Strips: {@code [ROWS][4][>= laneLen8]}; row by row: {@code [1][4][>= laneLen]}. */
    final int[][][] sums;
    /** Strips: the columns; row by row: the float row. */
    final float[] floats;
    /** Strips: {@code [3][>= ROWS * count8]}; else null. */
    final int[][] stripColumns;
    /** Strips: {@code [ROWS][3][>= count8]}; else null. */
    final int[][][] stripRows;
    private final int laneLength;
    private final long bytes;

    private ResamplerBuffers(boolean strips, int ringRows, int laneLen, int sumLen, int floatLen, int count8) {
        this.strips = strips;
        this.laneLength = laneLen;
        this.ring = new int[ringRows][4][laneLen];
        this.sums = new int[strips ? VectorStrips.ROWS : 1][4][sumLen];
        this.floats = new float[floatLen];
        this.stripColumns = strips ? new int[3][VectorStrips.ROWS * count8] : null;
        this.stripRows = strips ? new int[VectorStrips.ROWS][3][count8] : null;
        this.bytes = 4L * (ringRows * 4L * laneLen + sums.length * 4L * sumLen + floatLen
                + (strips ? 6L * VectorStrips.ROWS * count8 : 0));
    }

    /**
     * This thread's kept buffers that fit, or new ones.
     *
     * @param strips   strip mode ({@link VectorStrips}) or row by row
     * @param ringRows source rows in the ring (the vertical filter's taps)
     * @param laneLen  lanes of a widened source row
     * @param sumLen   lanes of a row of vertical sums (strips: {@code laneLen} rounded up to 8; else {@code laneLen})
     * @param floatLen floats of the columns (strips) or of the float row
     * @param count8   output columns rounded up to 8 (strips; else 0)
     */
    static ResamplerBuffers take(boolean strips, int ringRows, int laneLen, int sumLen, int floatLen, int count8) {
        ResamplerBuffers kept = ScratchArrays.ofThisThread().take(ResamplerBuffers.class,
                b -> b.strips == strips && b.ring.length >= ringRows
                        && ScratchArrays.fitsAtLeast(b.laneLength, laneLen)
                        && ScratchArrays.fitsAtLeast(b.sums[0][0].length, sumLen) && b.floats.length >= floatLen
                        && (!strips || b.stripRows[0][0].length >= count8));
        return kept != null ? kept : new ResamplerBuffers(strips, ringRows, laneLen, sumLen, floatLen, count8);
    }

    /** Back to this thread's spare arrays; the resampler must not use them any more. */
    void giveBack() {
        ScratchArrays.ofThisThread().give(this, bytes);
    }
}
