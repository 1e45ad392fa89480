package io.trt4j.image;

import static io.trt4j.image.internal.VectorTranspose.*;

import io.trt4j.image.internal.VectorApiSupport;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels of {@link RowResampler}'s strip mode: the horizontal pass for {@value #ROWS} output rows at
 * once, on data transposed so that a lane is an output row. Then every load is contiguous and every weight a
 * broadcast, where the row-at-a-time pass needs a gather per tap (which JDK 17 does not compile to vector code).
 * <ol>
 *   <li>{@link #lanesToColumns}: the {@value #ROWS} rows of vertical sums ({@link ByteLanes} order, {@code int}
 *       scaled by 2^22) are transposed in 8x8 blocks and converted to float: {@code columns[8 * b + r]} is byte
 *       {@code b} of row {@code r} (interleaved RGB);</li>
 *   <li>{@link #horizontal}: per output column and channel, the same float products and sums, in the same order, as
 *       {@link RowResampler}'s scalar pass (so the same floats), rounded half up and clamped to 0..255 as it does;
 *       a lane is a row;</li>
 *   <li>{@link #columnsToRows}: transposed back into rows of R, G, B planes.</li>
 * </ol>
 * The bytes are therefore exactly those of the scalar pass (tests compare both over many sizes, methods and tap
 * counts; {@link VectorResampling}'s self-check does too before switching this on).
 *
 * <p>Only loaded where the Vector API is usable ({@link io.trt4j.image.internal.VectorApiSupport}: by
 * {@link VectorResampling}'s self-check, then where {@link VectorResampling#ENABLED}): refers to {@code jdk.incubator.vector}, so nothing that runs
 * without the module may refer to this class. The transposes are written out in each method on purpose: vectors
 * handed to a method C2 does not inline get boxed, hundreds of times slower.
 *
 * <p>Thread-safety: stateless; callers own the arrays.
 */
final class VectorStrips {
    /** Output rows per strip: the lanes of a 256-bit vector of {@code int} or {@code float}. */
    static final int ROWS = 8;
    /** Conversions name their species ({@code convertShape}, {@code reinterpretShape}): see {@link VectorApiSupport}. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final float MAGIC = 12582912f;
    private static final int MAGIC_BITS = Float.floatToRawIntBits(MAGIC);

    private VectorStrips() {
    }

    /**
     * Transposes the vertical sums of {@value #ROWS} rows into columns.
     *
     * @param acc     {@code acc[r][k][i]}: row {@code r}'s lane {@code k} ({@link ByteLanes} order: byte
     *                {@code 4 * i + k}), each of at least {@code laneLen8} elements
     * @param laneLen8 the lane length rounded up to a multiple of 8
     * @param columns {@code columns[8 * b + r]} = {@code (float) acc[r][b & 3][b >> 2]}, for {@code b <
     *                4 * laneLen8}
     */
    static void lanesToColumns(int[][][] acc, int laneLen8, float[] columns) {
        for (int k = 0; k < 4; k++) {
            final int[] l0 = acc[0][k];
            final int[] l1 = acc[1][k];
            final int[] l2 = acc[2][k];
            final int[] l3 = acc[3][k];
            final int[] l4 = acc[4][k];
            final int[] l5 = acc[5][k];
            final int[] l6 = acc[6][k];
            final int[] l7 = acc[7][k];
            for (int i = 0; i < laneLen8; i += 8) {
                IntVector w0 = IntVector.fromArray(S, l0, i);
                IntVector w1 = IntVector.fromArray(S, l1, i);
                IntVector w2 = IntVector.fromArray(S, l2, i);
                IntVector w3 = IntVector.fromArray(S, l3, i);
                IntVector w4 = IntVector.fromArray(S, l4, i);
                IntVector w5 = IntVector.fromArray(S, l5, i);
                IntVector w6 = IntVector.fromArray(S, l6, i);
                IntVector w7 = IntVector.fromArray(S, l7, i);
                // 8x8 transpose: afterwards wj lane r = row r's element i + j
                IntVector a0 = w0.blend(w4.rearrange(SWAP4), UPPER4);
                IntVector a4 = w0.rearrange(SWAP4).blend(w4, UPPER4);
                IntVector a1 = w1.blend(w5.rearrange(SWAP4), UPPER4);
                IntVector a5 = w1.rearrange(SWAP4).blend(w5, UPPER4);
                IntVector a2 = w2.blend(w6.rearrange(SWAP4), UPPER4);
                IntVector a6 = w2.rearrange(SWAP4).blend(w6, UPPER4);
                IntVector a3 = w3.blend(w7.rearrange(SWAP4), UPPER4);
                IntVector a7 = w3.rearrange(SWAP4).blend(w7, UPPER4);
                IntVector b0 = a0.blend(a2.rearrange(SWAP2), UPPER2);
                IntVector b2 = a0.rearrange(SWAP2).blend(a2, UPPER2);
                IntVector b1 = a1.blend(a3.rearrange(SWAP2), UPPER2);
                IntVector b3 = a1.rearrange(SWAP2).blend(a3, UPPER2);
                IntVector b4 = a4.blend(a6.rearrange(SWAP2), UPPER2);
                IntVector b6 = a4.rearrange(SWAP2).blend(a6, UPPER2);
                IntVector b5 = a5.blend(a7.rearrange(SWAP2), UPPER2);
                IntVector b7 = a5.rearrange(SWAP2).blend(a7, UPPER2);
                // element i + j of lane k is byte 4 * (i + j) + k: column offset 8 * that
                final int o = 8 * (4 * i + k);
                ((FloatVector) b0.blend(b1.rearrange(SWAP1), ODD).convertShape(VectorOperators.I2F, F, 0))
                        .intoArray(columns, o);
                ((FloatVector) b0.rearrange(SWAP1).blend(b1, ODD).convertShape(VectorOperators.I2F, F, 0))
                        .intoArray(columns, o + 32);
                ((FloatVector) b2.blend(b3.rearrange(SWAP1), ODD).convertShape(VectorOperators.I2F, F, 0))
                        .intoArray(columns, o + 64);
                ((FloatVector) b2.rearrange(SWAP1).blend(b3, ODD).convertShape(VectorOperators.I2F, F, 0))
                        .intoArray(columns, o + 96);
                ((FloatVector) b4.blend(b5.rearrange(SWAP1), ODD).convertShape(VectorOperators.I2F, F, 0))
                        .intoArray(columns, o + 128);
                ((FloatVector) b4.rearrange(SWAP1).blend(b5, ODD).convertShape(VectorOperators.I2F, F, 0))
                        .intoArray(columns, o + 160);
                ((FloatVector) b6.blend(b7.rearrange(SWAP1), ODD).convertShape(VectorOperators.I2F, F, 0))
                        .intoArray(columns, o + 192);
                ((FloatVector) b6.rearrange(SWAP1).blend(b7, ODD).convertShape(VectorOperators.I2F, F, 0))
                        .intoArray(columns, o + 224);
            }
        }
    }

    /**
     * The horizontal pass over transposed columns: for output column {@code x} and channel {@code c},
     * {@code out[c][8 * x + r]} = row {@code r}'s value, {@code sum_t columns[8 * (start[x] + c + 3t) + r] *
     * weights[x * taps + t]} grouped exactly as {@link RowResampler}'s scalar pass, rounded half up and clamped to
     * 0..255.
     *
     * @param taps     1..8, or a multiple of 4 (as {@link RowResampler} pads them)
     * @param channels 3 (interleaved RGB: tap {@code t} of channel {@code c} at byte {@code start[x] + c + 3t}) or 1
     *                 (one plane: tap {@code t} at byte {@code start[x] + t}; {@code out[0]} only)
     */
    static void horizontal(float[] columns, int[] start, float[] weights, int taps, int count, int[][] out,
                           int channels) {
        // one channel per sweep and one method per tap range: C2 must inline every vector operation, and its
        // inlining budget does not stretch to all three channels and all tap counts in one loop body
        final int step = 8 * channels; // floats from one tap's column to the next one's
        for (int c = 0; c < channels; c++) {
            if (taps <= 4) {
                horizontalShort(columns, 8 * c, step, start, weights, taps, count, out[c]);
            } else {
                horizontalLong(columns, 8 * c, step, start, weights, taps, count, out[c]);
            }
        }
    }

    /** {@link #horizontal} for one channel ({@code channel8 = 8 * c}) and 1..4 taps. */
    private static void horizontalShort(float[] columns, int channel8, int step, int[] start, float[] weights,
                                        int taps, int count, int[] out) {
        for (int x = 0, wi = 0; x < count; x++, wi += taps) {
            roundInto(dot(columns, 8 * start[x] + channel8, step, weights, wi, taps), out, 8 * x);
        }
    }

    /** {@link #horizontal} for one channel ({@code channel8 = 8 * c}) and 5..8 taps or a multiple of 4. */
    private static void horizontalLong(float[] columns, int channel8, int step, int[] start, float[] weights,
                                       int taps, int count, int[] out) {
        for (int x = 0, wi = 0; x < count; x++, wi += taps) {
            final int p = 8 * start[x] + channel8;
            FloatVector v;
            if (taps <= 8) {
                v = dot(columns, p, step, weights, wi, 4).add(dot(columns, p + 4 * step, step, weights, wi + 4,
                        taps - 4));
            } else {
                v = FloatVector.zero(F);
                for (int t = 0; t < taps; t += 4) {
                    v = v.add(dot(columns, p + step * t, step, weights, wi + t, 4));
                }
            }
            roundInto(v, out, 8 * x);
        }
    }

    /**
     * {@code out[o ..] = RowResampler.round(v)}: {@code (int) (v + 0.5f)} clamped to 0..255, without a float to int
     * conversion (JDK 17 leaves vector F2I to slow Java code on AVX2): with {@code u = v + 0.5f}, adding
     * {@link #MAGIC} (1.5 * 2^23, where floats are spaced 1 apart) rounds {@code u} to the nearest integer, read off
     * the sum's bits; one is taken off where that rounded up ({@code u} below it), which gives the floor. For
     * {@code |u| < 2^22}; here {@code u} lies within about -1..257. The floor differs from the cast's truncation only
     * for {@code u < 0}, which the clamp sends to 0 either way.
     */
    private static void roundInto(FloatVector v, int[] out, int o) {
        FloatVector u = v.add(0.5f);
        FloatVector m = u.add(MAGIC);
        IntVector nearest = ((IntVector) m.reinterpretShape(S, 0)).sub(MAGIC_BITS);
        IntVector roundedUp = ((IntVector) u.sub(m.sub(MAGIC)).reinterpretShape(S, 0)).lanewise(VectorOperators.ASHR,
                31);
        nearest.add(roundedUp).max(0).min(255).intoArray(out, o);
    }

    /**
     * {@code sum columns[p + step * t .. +8] * w[wi + t]} over {@code t < n}, {@code n} 1..4, grouped as
     * {@link RowResampler}'s scalar {@code dot}; small enough for C2 to inline.
     */
    private static FloatVector dot(float[] columns, int p, int step, float[] w, int wi, int n) {
        FloatVector s = FloatVector.fromArray(F, columns, p).mul(w[wi]);
        if (n == 1) {
            return s;
        }
        s = s.add(FloatVector.fromArray(F, columns, p + step).mul(w[wi + 1]));
        if (n == 2) {
            return s;
        }
        if (n == 3) {
            return s.add(FloatVector.fromArray(F, columns, p + 2 * step).mul(w[wi + 2]));
        }
        return s.add(FloatVector.fromArray(F, columns, p + 2 * step).mul(w[wi + 2])
                .add(FloatVector.fromArray(F, columns, p + 3 * step).mul(w[wi + 3])));
    }

    /**
     * Transposes the horizontal pass's output back to rows: {@code rows[r][c][x] = columns[c][8 * x + r]} for
     * {@code x < count8}.
     *
     * @param count8   the output width rounded up to a multiple of 8 (the arrays' lengths allow it)
     * @param channels the planes to transpose: 3, or 1 ({@code c = 0} only)
     */
    static void columnsToRows(int[][] columns, int count8, int[][][] rows, int channels) {
        for (int c = 0; c < channels; c++) {
            final int[] col = columns[c];
            final int[] r0 = rows[0][c];
            final int[] r1 = rows[1][c];
            final int[] r2 = rows[2][c];
            final int[] r3 = rows[3][c];
            final int[] r4 = rows[4][c];
            final int[] r5 = rows[5][c];
            final int[] r6 = rows[6][c];
            final int[] r7 = rows[7][c];
            for (int x = 0; x < count8; x += 8) {
                final int o = 8 * x;
                IntVector w0 = IntVector.fromArray(S, col, o);
                IntVector w1 = IntVector.fromArray(S, col, o + 8);
                IntVector w2 = IntVector.fromArray(S, col, o + 16);
                IntVector w3 = IntVector.fromArray(S, col, o + 24);
                IntVector w4 = IntVector.fromArray(S, col, o + 32);
                IntVector w5 = IntVector.fromArray(S, col, o + 40);
                IntVector w6 = IntVector.fromArray(S, col, o + 48);
                IntVector w7 = IntVector.fromArray(S, col, o + 56);
                // 8x8 transpose: afterwards wr lane j = column x + j's row r
                IntVector a0 = w0.blend(w4.rearrange(SWAP4), UPPER4);
                IntVector a4 = w0.rearrange(SWAP4).blend(w4, UPPER4);
                IntVector a1 = w1.blend(w5.rearrange(SWAP4), UPPER4);
                IntVector a5 = w1.rearrange(SWAP4).blend(w5, UPPER4);
                IntVector a2 = w2.blend(w6.rearrange(SWAP4), UPPER4);
                IntVector a6 = w2.rearrange(SWAP4).blend(w6, UPPER4);
                IntVector a3 = w3.blend(w7.rearrange(SWAP4), UPPER4);
                IntVector a7 = w3.rearrange(SWAP4).blend(w7, UPPER4);
                IntVector b0 = a0.blend(a2.rearrange(SWAP2), UPPER2);
                IntVector b2 = a0.rearrange(SWAP2).blend(a2, UPPER2);
                IntVector b1 = a1.blend(a3.rearrange(SWAP2), UPPER2);
                IntVector b3 = a1.rearrange(SWAP2).blend(a3, UPPER2);
                IntVector b4 = a4.blend(a6.rearrange(SWAP2), UPPER2);
                IntVector b6 = a4.rearrange(SWAP2).blend(a6, UPPER2);
                IntVector b5 = a5.blend(a7.rearrange(SWAP2), UPPER2);
                IntVector b7 = a5.rearrange(SWAP2).blend(a7, UPPER2);
                b0.blend(b1.rearrange(SWAP1), ODD).intoArray(r0, x);
                b0.rearrange(SWAP1).blend(b1, ODD).intoArray(r1, x);
                b2.blend(b3.rearrange(SWAP1), ODD).intoArray(r2, x);
                b2.rearrange(SWAP1).blend(b3, ODD).intoArray(r3, x);
                b4.blend(b5.rearrange(SWAP1), ODD).intoArray(r4, x);
                b4.rearrange(SWAP1).blend(b5, ODD).intoArray(r5, x);
                b6.blend(b7.rearrange(SWAP1), ODD).intoArray(r6, x);
                b6.rearrange(SWAP1).blend(b7, ODD).intoArray(r7, x);
            }
        }
    }
}
