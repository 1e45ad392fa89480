package io.trt4j.image.internal.jpeg;

import static io.trt4j.image.internal.jpeg.LibjpegFixed.*;
import static io.trt4j.image.internal.VectorTranspose.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The scaled inverse DCTs of {@link ScaledIdct} (7x7, 6x6, 5x5) and {@link ReducedIdct} (4x4) with the incubator
 * Vector API, 8 {@code int} lanes: the first pass with one lane per column, the rows loaded as they lie, then a
 * transpose by lane permutes and blends, the second pass with one lane per output row. Same samples as the scalar
 * code for every input.
 *
 * <p>Why 32-bit lanes give the scalar code's 64-bit results: both passes are sums of products of the inputs with
 * integer constants (additions, subtractions, multiplications, left shifts: exact modulo 2^32 in {@code int}) up to a
 * single arithmetic right shift at the end of each pass (and one inside the 6x6 first pass). So
 * <ul>
 * <li>first pass: when every coefficient of the rows read lies within -16384..16383 ({@link #LIMIT}), every value
 *     before a right shift lies within +/-(2^14 L + 2^11), L the largest sum of absolute multipliers of one output
 *     (ScaledIdct 7x7: 53,811; 6x6: 46,398; 5x5: 38,973; ReducedIdct 4x4: 77,910; read off the scalar code in
 *     {@code VectorScaledIdctTest}; the value shifted inside the 6x6 pass has a subset of those multipliers), below
 *     2^31: the 32-bit value is the 64-bit one, and so is the workspace value. Blocks with a coefficient outside
 *     that range (corrupt or extreme data only: valid 8-bit data stays within about +/-8192; conservatively all 8
 *     columns of the rows read are tested) are handed whole to the scalar transform.</li>
 * <li>second pass: libjpeg keeps only bits 18..27 (4x4: 19..28) of the final sum ({@code range_limit[(int) (v >> 18)
 *     & 1023]}), which modulo-2^32 arithmetic gives exactly, whatever the magnitude; the range limit table is then
 *     computed, not looked up: {@code clamp(sign-extended 10 bits + 128, 0, 255)}, so even wrapped values of
 *     corrupt data come out as libjpeg's.</li>
 * </ul>
 *
 * <p>Only loaded when {@link VectorKernels#ENABLED}. Each size's passes and transpose are written out as one
 * straight-line method, repetition included, on purpose: the Vector API is only fast when C2 inlines and intrinsifies
 * every operation (see {@link VectorIslowIdct}), and shared helper methods run into C2's inlining limits (a
 * helper-method version measured 2.5 times slower).
 *
 * <p>Arguments as {@link ScaledIdct}'s transforms; {@code ws} (at least 64 ints) is scratch. Thread-safety:
 * stateless.
 */
final class VectorScaledIdct {
    private static final VarHandle LITTLE_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** First-pass inputs must lie within -LIMIT..LIMIT-1 for the 32-bit first pass to be exact. */
    static final int LIMIT = 1 << 14;
    private static final int OUT_OF_RANGE = -2 * LIMIT;
    private static final int SHIFT1 = ScaledIdct.SHIFT1;
    private static final int SHIFT2 = ScaledIdct.SHIFT2;
    private static final int ROUND1 = (int) ScaledIdct.ROUND1;
    /** libjpeg adds the second pass's rounding to the DC workspace value before scaling it by 2^13. */
    private static final int ROUND2 = (int) ScaledIdct.ROUND2 << CONST_BITS;

    private static final int F_0_077722536 = fix(0.077722536);
    private static final int F_0_170262339 = fix(0.170262339);
    private static final int F_0_314692123 = fix(0.314692123);
    private static final int F_0_353553391 = fix(0.353553391);
    private static final int F_0_366025404 = fix(0.366025404);
    private static final int F_0_513743148 = fix(0.513743148);
    private static final int F_0_613604268 = fix(0.613604268);
    private static final int F_0_707106781 = fix(0.707106781);
    private static final int F_0_790569415 = fix(0.790569415);
    private static final int F_0_831253876 = fix(0.831253876);
    private static final int F_0_881747734 = fix(0.881747734);
    private static final int F_0_935414347 = fix(0.935414347);
    private static final int F_1_224744871 = fix(1.224744871);
    private static final int F_1_274162392 = fix(1.274162392);
    private static final int F_1_378756276 = fix(1.378756276);
    private static final int F_1_414213562 = fix(1.414213562);
    private static final int F_1_841218003 = fix(1.841218003);
    private static final int F_1_870828693 = fix(1.870828693);
    private static final int F_2_176250899 = fix(2.176250899);
    private static final int F_2_470602249 = fix(2.470602249);

    /** 4x4 second pass: multipliers of workspace columns c (lanes 0..3) and c + 4 (lanes 4..7). */
    private static final IntVector Q_DC = pair(1 << (CONST_BITS + 1), 0);
    private static final IntVector Q_EVEN = pair(FIX_1_847759065, -FIX_0_765366865);
    private static final IntVector Q_ODD0_1 = pair(FIX_1_061594337, FIX_1_451774981);
    private static final IntVector Q_ODD0_3 = pair(-FIX_2_172734803, -FIX_0_211164243);
    private static final IntVector Q_ODD2_1 = pair(FIX_2_562915447, -FIX_0_601344887);
    private static final IntVector Q_ODD2_3 = pair(FIX_0_899976223, -FIX_0_509795579);
    /** 4x4 second pass rounding, in the lanes of the low half only. */
    private static final IntVector Q_ROUND = pair(1 << (CONST_BITS + PASS1_BITS + 3), 0);

    private VectorScaledIdct() {
    }

    private static int fix(double x) {
        return (int) ScaledIdct.fix(x);
    }

    private static IntVector pair(int low, int high) {
        return IntVector.fromArray(S, new int[] {low, low, low, low, high, high, high, high}, 0);
    }

    /** {@link ScaledIdct#transform7x7}, same samples for every input. */
    static void transform7x7(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        IntVector d0 = IntVector.fromArray(S, coef, 0);
        IntVector d1 = IntVector.fromArray(S, coef, 8);
        IntVector d2 = IntVector.fromArray(S, coef, 16);
        IntVector d3 = IntVector.fromArray(S, coef, 24);
        IntVector d4 = IntVector.fromArray(S, coef, 32);
        IntVector d5 = IntVector.fromArray(S, coef, 40);
        IntVector d6 = IntVector.fromArray(S, coef, 48);
        IntVector check = d0.add(LIMIT).or(d1.add(LIMIT)).or(d2.add(LIMIT)).or(d3.add(LIMIT)).or(d4.add(LIMIT))
                .or(d5.add(LIMIT)).or(d6.add(LIMIT)).and(OUT_OF_RANGE);
        if (check.reduceLanes(VectorOperators.OR) != 0) { // not compare(..).anyTrue(): see VectorApiSupport
            ScaledIdct.transform7x7(coef, out, offset, stride, ws);
            return;
        }
        // ---- pass 1: columns (lane = column) ----
        IntVector tmp13 = d0.lanewise(VectorOperators.LSHL, CONST_BITS).add(ROUND1);
        IntVector tmp10 = d4.sub(d6).mul(F_0_881747734);
        IntVector tmp12 = d2.sub(d4).mul(F_0_314692123);
        IntVector tmp11 = tmp10.add(tmp12).add(tmp13).sub(d4.mul(F_1_841218003));
        IntVector tmp0 = d2.add(d6);
        IntVector z2 = d4.sub(tmp0);
        tmp0 = tmp0.mul(F_1_274162392).add(tmp13);
        tmp10 = tmp10.add(tmp0).sub(d6.mul(F_0_077722536));
        tmp12 = tmp12.add(tmp0).sub(d2.mul(F_2_470602249));
        tmp13 = tmp13.add(z2.mul(F_1_414213562));
        IntVector tmp1 = d1.add(d3).mul(F_0_935414347);
        IntVector tmp2 = d1.sub(d3).mul(F_0_170262339);
        tmp0 = tmp1.sub(tmp2);
        tmp1 = tmp1.add(tmp2);
        tmp2 = d3.add(d5).mul(-F_1_378756276);
        tmp1 = tmp1.add(tmp2);
        z2 = d1.add(d5).mul(F_0_613604268);
        tmp0 = tmp0.add(z2);
        tmp2 = tmp2.add(z2).add(d5.mul(F_1_870828693));
        IntVector w0 = tmp10.add(tmp0).lanewise(VectorOperators.ASHR, SHIFT1);
        IntVector w6 = tmp10.sub(tmp0).lanewise(VectorOperators.ASHR, SHIFT1);
        IntVector w1 = tmp11.add(tmp1).lanewise(VectorOperators.ASHR, SHIFT1);
        IntVector w5 = tmp11.sub(tmp1).lanewise(VectorOperators.ASHR, SHIFT1);
        IntVector w2 = tmp12.add(tmp2).lanewise(VectorOperators.ASHR, SHIFT1);
        IntVector w4 = tmp12.sub(tmp2).lanewise(VectorOperators.ASHR, SHIFT1);
        IntVector w3 = tmp13.lanewise(VectorOperators.ASHR, SHIFT1);

        // ---- transpose: afterwards wK lane r = workspace row r, column K (row 7: don't care) ----
        IntVector a0 = w0.blend(w4.rearrange(SWAP4), UPPER4);
        IntVector a4 = w0.rearrange(SWAP4).blend(w4, UPPER4);
        IntVector a1 = w1.blend(w5.rearrange(SWAP4), UPPER4);
        IntVector a5 = w1.rearrange(SWAP4).blend(w5, UPPER4);
        IntVector a2 = w2.blend(w6.rearrange(SWAP4), UPPER4);
        IntVector a6 = w2.rearrange(SWAP4).blend(w6, UPPER4);
        IntVector a3 = w3; // lanes 4..7 would hold row 7
        IntVector a7 = w3.rearrange(SWAP4);
        IntVector b0 = a0.blend(a2.rearrange(SWAP2), UPPER2);
        IntVector b2 = a0.rearrange(SWAP2).blend(a2, UPPER2);
        IntVector b1 = a1.blend(a3.rearrange(SWAP2), UPPER2);
        IntVector b3 = a1.rearrange(SWAP2).blend(a3, UPPER2);
        IntVector b4 = a4.blend(a6.rearrange(SWAP2), UPPER2);
        IntVector b6 = a4.rearrange(SWAP2).blend(a6, UPPER2);
        IntVector b5 = a5.blend(a7.rearrange(SWAP2), UPPER2);
        IntVector b7 = a5.rearrange(SWAP2).blend(a7, UPPER2);
        w0 = b0.blend(b1.rearrange(SWAP1), ODD);
        w1 = b0.rearrange(SWAP1).blend(b1, ODD);
        w2 = b2.blend(b3.rearrange(SWAP1), ODD);
        w3 = b2.rearrange(SWAP1).blend(b3, ODD);
        w4 = b4.blend(b5.rearrange(SWAP1), ODD);
        w5 = b4.rearrange(SWAP1).blend(b5, ODD);
        w6 = b6.blend(b7.rearrange(SWAP1), ODD);

        // ---- pass 2: rows (lane = row) ----
        tmp13 = w0.lanewise(VectorOperators.LSHL, CONST_BITS).add(ROUND2);
        tmp10 = w4.sub(w6).mul(F_0_881747734);
        tmp12 = w2.sub(w4).mul(F_0_314692123);
        tmp11 = tmp10.add(tmp12).add(tmp13).sub(w4.mul(F_1_841218003));
        tmp0 = w2.add(w6);
        z2 = w4.sub(tmp0);
        tmp0 = tmp0.mul(F_1_274162392).add(tmp13);
        tmp10 = tmp10.add(tmp0).sub(w6.mul(F_0_077722536));
        tmp12 = tmp12.add(tmp0).sub(w2.mul(F_2_470602249));
        tmp13 = tmp13.add(z2.mul(F_1_414213562));
        tmp1 = w1.add(w3).mul(F_0_935414347);
        tmp2 = w1.sub(w3).mul(F_0_170262339);
        tmp0 = tmp1.sub(tmp2);
        tmp1 = tmp1.add(tmp2);
        tmp2 = w3.add(w5).mul(-F_1_378756276);
        tmp1 = tmp1.add(tmp2);
        z2 = w1.add(w5).mul(F_0_613604268);
        tmp0 = tmp0.add(z2);
        tmp2 = tmp2.add(z2).add(w5.mul(F_1_870828693));
        // range limit: bits 18..27 sign-extended (libjpeg\'s table index), + 128, clamped to 0..255
        IntVector s0 = tmp10.add(tmp0).lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector s6 = tmp10.sub(tmp0).lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector s1 = tmp11.add(tmp1).lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector s5 = tmp11.sub(tmp1).lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector s2 = tmp12.add(tmp2).lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector s4 = tmp12.sub(tmp2).lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector s3 = tmp13.lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector lo = s0.or(s1.lanewise(VectorOperators.LSHL, 8)).or(s2.lanewise(VectorOperators.LSHL, 16))
                .or(s3.lanewise(VectorOperators.LSHL, 24));
        IntVector hi = s3.or(s4.lanewise(VectorOperators.LSHL, 8)).or(s5.lanewise(VectorOperators.LSHL, 16))
                .or(s6.lanewise(VectorOperators.LSHL, 24));
        lo.intoArray(ws, 0);
        hi.intoArray(ws, 8);
        for (int r = 0; r < 7; r++, offset += stride) {
            LITTLE_ENDIAN_INT.set(out, offset, ws[r]);
            LITTLE_ENDIAN_INT.set(out, offset + 3, ws[8 + r]);
        }
    }

    /** {@link ScaledIdct#transform6x6}, same samples for every input. */
    static void transform6x6(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        IntVector d0 = IntVector.fromArray(S, coef, 0);
        IntVector d1 = IntVector.fromArray(S, coef, 8);
        IntVector d2 = IntVector.fromArray(S, coef, 16);
        IntVector d3 = IntVector.fromArray(S, coef, 24);
        IntVector d4 = IntVector.fromArray(S, coef, 32);
        IntVector d5 = IntVector.fromArray(S, coef, 40);
        IntVector check = d0.add(LIMIT).or(d1.add(LIMIT)).or(d2.add(LIMIT)).or(d3.add(LIMIT)).or(d4.add(LIMIT))
                .or(d5.add(LIMIT)).and(OUT_OF_RANGE);
        if (check.reduceLanes(VectorOperators.OR) != 0) { // not compare(..).anyTrue(): see VectorApiSupport
            ScaledIdct.transform6x6(coef, out, offset, stride, ws);
            return;
        }
        // ---- pass 1 ----
        IntVector tmp0 = d0.lanewise(VectorOperators.LSHL, CONST_BITS).add(ROUND1);
        IntVector tmp10 = d4.mul(F_0_707106781);
        IntVector tmp1 = tmp0.add(tmp10);
        IntVector tmp11 = tmp0.sub(tmp10).sub(tmp10).lanewise(VectorOperators.ASHR, SHIFT1);
        tmp0 = d2.mul(F_1_224744871);
        tmp10 = tmp1.add(tmp0);
        IntVector tmp12 = tmp1.sub(tmp0);
        tmp1 = d1.add(d5).mul(F_0_366025404);
        tmp0 = tmp1.add(d1.add(d3).lanewise(VectorOperators.LSHL, CONST_BITS));
        IntVector tmp2 = tmp1.add(d5.sub(d3).lanewise(VectorOperators.LSHL, CONST_BITS));
        tmp1 = d1.sub(d3).sub(d5).lanewise(VectorOperators.LSHL, PASS1_BITS);
        IntVector w0 = tmp10.add(tmp0).lanewise(VectorOperators.ASHR, SHIFT1);
        IntVector w5 = tmp10.sub(tmp0).lanewise(VectorOperators.ASHR, SHIFT1);
        IntVector w1 = tmp11.add(tmp1);
        IntVector w4 = tmp11.sub(tmp1);
        IntVector w2 = tmp12.add(tmp2).lanewise(VectorOperators.ASHR, SHIFT1);
        IntVector w3 = tmp12.sub(tmp2).lanewise(VectorOperators.ASHR, SHIFT1);

        // ---- transpose (rows 6, 7: don't care) ----
        IntVector a0 = w0.blend(w4.rearrange(SWAP4), UPPER4);
        IntVector a4 = w0.rearrange(SWAP4).blend(w4, UPPER4);
        IntVector a1 = w1.blend(w5.rearrange(SWAP4), UPPER4);
        IntVector a5 = w1.rearrange(SWAP4).blend(w5, UPPER4);
        IntVector a2 = w2;
        IntVector a6 = w2.rearrange(SWAP4);
        IntVector a3 = w3;
        IntVector a7 = w3.rearrange(SWAP4);
        IntVector b0 = a0.blend(a2.rearrange(SWAP2), UPPER2);
        IntVector b2 = a0.rearrange(SWAP2).blend(a2, UPPER2);
        IntVector b1 = a1.blend(a3.rearrange(SWAP2), UPPER2);
        IntVector b3 = a1.rearrange(SWAP2).blend(a3, UPPER2);
        IntVector b4 = a4.blend(a6.rearrange(SWAP2), UPPER2);
        IntVector b5 = a5.blend(a7.rearrange(SWAP2), UPPER2);
        w0 = b0.blend(b1.rearrange(SWAP1), ODD);
        w1 = b0.rearrange(SWAP1).blend(b1, ODD);
        w2 = b2.blend(b3.rearrange(SWAP1), ODD);
        w3 = b2.rearrange(SWAP1).blend(b3, ODD);
        w4 = b4.blend(b5.rearrange(SWAP1), ODD);
        w5 = b4.rearrange(SWAP1).blend(b5, ODD);

        // ---- pass 2 ----
        tmp0 = w0.lanewise(VectorOperators.LSHL, CONST_BITS).add(ROUND2);
        tmp10 = w4.mul(F_0_707106781);
        tmp1 = tmp0.add(tmp10);
        tmp11 = tmp0.sub(tmp10).sub(tmp10);
        tmp0 = w2.mul(F_1_224744871);
        tmp10 = tmp1.add(tmp0);
        tmp12 = tmp1.sub(tmp0);
        tmp1 = w1.add(w5).mul(F_0_366025404);
        tmp0 = tmp1.add(w1.add(w3).lanewise(VectorOperators.LSHL, CONST_BITS));
        tmp2 = tmp1.add(w5.sub(w3).lanewise(VectorOperators.LSHL, CONST_BITS));
        tmp1 = w1.sub(w3).sub(w5).lanewise(VectorOperators.LSHL, CONST_BITS);
        // range limit: bits 18..27 sign-extended (libjpeg\'s table index), + 128, clamped to 0..255
        IntVector s0 = tmp10.add(tmp0).lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector s5 = tmp10.sub(tmp0).lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector s1 = tmp11.add(tmp1).lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector s4 = tmp11.sub(tmp1).lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector s2 = tmp12.add(tmp2).lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector s3 = tmp12.sub(tmp2).lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector lo = s0.or(s1.lanewise(VectorOperators.LSHL, 8)).or(s2.lanewise(VectorOperators.LSHL, 16))
                .or(s3.lanewise(VectorOperators.LSHL, 24));
        IntVector hi = s2.or(s3.lanewise(VectorOperators.LSHL, 8)).or(s4.lanewise(VectorOperators.LSHL, 16))
                .or(s5.lanewise(VectorOperators.LSHL, 24));
        lo.intoArray(ws, 0);
        hi.intoArray(ws, 8);
        for (int r = 0; r < 6; r++, offset += stride) {
            LITTLE_ENDIAN_INT.set(out, offset, ws[r]);
            LITTLE_ENDIAN_INT.set(out, offset + 2, ws[8 + r]);
        }
    }

    /** {@link ScaledIdct#transform5x5}, same samples for every input. */
    static void transform5x5(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        IntVector d0 = IntVector.fromArray(S, coef, 0);
        IntVector d1 = IntVector.fromArray(S, coef, 8);
        IntVector d2 = IntVector.fromArray(S, coef, 16);
        IntVector d3 = IntVector.fromArray(S, coef, 24);
        IntVector d4 = IntVector.fromArray(S, coef, 32);
        IntVector check = d0.add(LIMIT).or(d1.add(LIMIT)).or(d2.add(LIMIT)).or(d3.add(LIMIT)).or(d4.add(LIMIT))
                .and(OUT_OF_RANGE);
        if (check.reduceLanes(VectorOperators.OR) != 0) { // not compare(..).anyTrue(): see VectorApiSupport
            ScaledIdct.transform5x5(coef, out, offset, stride, ws);
            return;
        }
        // ---- pass 1 ----
        IntVector tmp12 = d0.lanewise(VectorOperators.LSHL, CONST_BITS).add(ROUND1);
        IntVector z1 = d2.add(d4).mul(F_0_790569415);
        IntVector z2 = d2.sub(d4).mul(F_0_353553391);
        IntVector z3 = tmp12.add(z2);
        IntVector tmp10 = z3.add(z1);
        IntVector tmp11 = z3.sub(z1);
        tmp12 = tmp12.sub(z2.lanewise(VectorOperators.LSHL, 2));
        z1 = d1.add(d3).mul(F_0_831253876);
        IntVector tmp0 = z1.add(d1.mul(F_0_513743148));
        IntVector tmp1 = z1.sub(d3.mul(F_2_176250899));
        IntVector w0 = tmp10.add(tmp0).lanewise(VectorOperators.ASHR, SHIFT1);
        IntVector w4 = tmp10.sub(tmp0).lanewise(VectorOperators.ASHR, SHIFT1);
        IntVector w1 = tmp11.add(tmp1).lanewise(VectorOperators.ASHR, SHIFT1);
        IntVector w3 = tmp11.sub(tmp1).lanewise(VectorOperators.ASHR, SHIFT1);
        IntVector w2 = tmp12.lanewise(VectorOperators.ASHR, SHIFT1);

        // ---- transpose (rows 5..7: don't care) ----
        IntVector a0 = w0.blend(w4.rearrange(SWAP4), UPPER4);
        IntVector a4 = w0.rearrange(SWAP4).blend(w4, UPPER4);
        IntVector a5 = w1.rearrange(SWAP4);
        IntVector a6 = w2.rearrange(SWAP4);
        IntVector a7 = w3.rearrange(SWAP4);
        IntVector b0 = a0.blend(w2.rearrange(SWAP2), UPPER2);
        IntVector b2 = a0.rearrange(SWAP2).blend(w2, UPPER2);
        IntVector b1 = w1.blend(w3.rearrange(SWAP2), UPPER2);
        IntVector b3 = w1.rearrange(SWAP2).blend(w3, UPPER2);
        IntVector b4 = a4.blend(a6.rearrange(SWAP2), UPPER2);
        IntVector b5 = a5.blend(a7.rearrange(SWAP2), UPPER2);
        w0 = b0.blend(b1.rearrange(SWAP1), ODD);
        w1 = b0.rearrange(SWAP1).blend(b1, ODD);
        w2 = b2.blend(b3.rearrange(SWAP1), ODD);
        w3 = b2.rearrange(SWAP1).blend(b3, ODD);
        w4 = b4.blend(b5.rearrange(SWAP1), ODD);

        // ---- pass 2 ----
        tmp12 = w0.lanewise(VectorOperators.LSHL, CONST_BITS).add(ROUND2);
        z1 = w2.add(w4).mul(F_0_790569415);
        z2 = w2.sub(w4).mul(F_0_353553391);
        z3 = tmp12.add(z2);
        tmp10 = z3.add(z1);
        tmp11 = z3.sub(z1);
        tmp12 = tmp12.sub(z2.lanewise(VectorOperators.LSHL, 2));
        z1 = w1.add(w3).mul(F_0_831253876);
        tmp0 = z1.add(w1.mul(F_0_513743148));
        tmp1 = z1.sub(w3.mul(F_2_176250899));
        // range limit: bits 18..27 sign-extended (libjpeg\'s table index), + 128, clamped to 0..255
        IntVector s0 = tmp10.add(tmp0).lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector s4 = tmp10.sub(tmp0).lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector s1 = tmp11.add(tmp1).lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector s3 = tmp11.sub(tmp1).lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector s2 = tmp12.lanewise(VectorOperators.LSHL, 4)
                .lanewise(VectorOperators.ASHR, 22).add(128).max(0).min(255);
        IntVector lo = s0.or(s1.lanewise(VectorOperators.LSHL, 8)).or(s2.lanewise(VectorOperators.LSHL, 16))
                .or(s3.lanewise(VectorOperators.LSHL, 24));
        IntVector hi = s1.or(s2.lanewise(VectorOperators.LSHL, 8)).or(s3.lanewise(VectorOperators.LSHL, 16))
                .or(s4.lanewise(VectorOperators.LSHL, 24));
        lo.intoArray(ws, 0);
        hi.intoArray(ws, 8);
        for (int r = 0; r < 5; r++, offset += stride) {
            LITTLE_ENDIAN_INT.set(out, offset, ws[r]);
            LITTLE_ENDIAN_INT.set(out, offset + 1, ws[8 + r]);
        }
    }

    /**
     * {@link ReducedIdct#transform4x4} of already dequantized coefficients, same samples for every input: the first
     * pass on all 8 columns (column 4 is computed but, as in libjpeg, unused), the 4 x 8 workspace transposed into
     * 4-lane halves (lanes 0..3: column c, lanes 4..7: column c + 4), the second pass on both halves and the halves
     * added.
     */
    static void transform4x4(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        IntVector d0 = IntVector.fromArray(S, coef, 0);
        IntVector d1 = IntVector.fromArray(S, coef, 8);
        IntVector d2 = IntVector.fromArray(S, coef, 16);
        IntVector d3 = IntVector.fromArray(S, coef, 24);
        IntVector d5 = IntVector.fromArray(S, coef, 40);
        IntVector d6 = IntVector.fromArray(S, coef, 48);
        IntVector d7 = IntVector.fromArray(S, coef, 56);
        IntVector check = d0.add(LIMIT).or(d1.add(LIMIT)).or(d2.add(LIMIT)).or(d3.add(LIMIT)).or(d5.add(LIMIT))
                .or(d6.add(LIMIT)).or(d7.add(LIMIT)).and(OUT_OF_RANGE);
        if (check.reduceLanes(VectorOperators.OR) != 0) { // not compare(..).anyTrue(): see VectorApiSupport
            ReducedIdct.transform4x4(coef, out, offset, stride, ws);
            return;
        }
        // ---- pass 1 (lane = column), as jidctred.c without its all-zero shortcut (which gives the same values) ----
        final int s1 = CONST_BITS - PASS1_BITS + 1;
        IntVector tmp0 = d0.lanewise(VectorOperators.LSHL, CONST_BITS + 1).add(1 << (s1 - 1));
        IntVector tmp2 = d2.mul(FIX_1_847759065).add(d6.mul(-FIX_0_765366865));
        IntVector tmp10 = tmp0.add(tmp2);
        IntVector tmp12 = tmp0.sub(tmp2);
        tmp0 = d7.mul(-FIX_0_211164243).add(d5.mul(FIX_1_451774981)).add(d3.mul(-FIX_2_172734803))
                .add(d1.mul(FIX_1_061594337));
        tmp2 = d7.mul(-FIX_0_509795579).add(d5.mul(-FIX_0_601344887)).add(d3.mul(FIX_0_899976223))
                .add(d1.mul(FIX_2_562915447));
        IntVector w0 = tmp10.add(tmp2).lanewise(VectorOperators.ASHR, s1);
        IntVector w3 = tmp10.sub(tmp2).lanewise(VectorOperators.ASHR, s1);
        IntVector w1 = tmp12.add(tmp0).lanewise(VectorOperators.ASHR, s1);
        IntVector w2 = tmp12.sub(tmp0).lanewise(VectorOperators.ASHR, s1);

        // ---- transpose each 128-bit half: xC lane r = ws[r][C], lane 4 + r = ws[r][C + 4] ----
        IntVector a0 = w0.blend(w1.rearrange(SWAP1), ODD);
        IntVector a1 = w0.rearrange(SWAP1).blend(w1, ODD);
        IntVector a2 = w2.blend(w3.rearrange(SWAP1), ODD);
        IntVector a3 = w2.rearrange(SWAP1).blend(w3, ODD);
        IntVector x0 = a0.blend(a2.rearrange(SWAP2), UPPER2);
        IntVector x2 = a0.rearrange(SWAP2).blend(a2, UPPER2);
        IntVector x1 = a1.blend(a3.rearrange(SWAP2), UPPER2);
        IntVector x3 = a1.rearrange(SWAP2).blend(a3, UPPER2);

        // ---- pass 2 (lane = row), each half a partial sum: even part from columns 0, 2, 6 ----
        IntVector even0 = x0.mul(Q_DC).add(Q_ROUND);
        IntVector even2 = x2.mul(Q_EVEN);
        IntVector e03 = even0.add(even2);
        IntVector e12 = even0.sub(even2);
        IntVector o0 = x1.mul(Q_ODD0_1).add(x3.mul(Q_ODD0_3)); // columns 1, 3, 5, 7
        IntVector o2 = x1.mul(Q_ODD2_1).add(x3.mul(Q_ODD2_3));
        IntVector y0 = e03.add(o2);
        IntVector y3 = e03.sub(o2);
        IntVector y1 = e12.add(o0);
        IntVector y2 = e12.sub(o0);
        // halves added: lanes 0..3 output column j, lanes 4..7 column j + 1
        IntVector r01 = y0.blend(y1, UPPER4).add(y1.blend(y0, UPPER4).rearrange(SWAP4));
        IntVector r23 = y2.blend(y3, UPPER4).add(y3.blend(y2, UPPER4).rearrange(SWAP4));
        final int s2 = CONST_BITS + PASS1_BITS + 3 + 1;
        // range limit: bits 19..28 sign-extended (libjpeg's table index), + 128, clamped to 0..255
        IntVector s01 = r01.lanewise(VectorOperators.LSHL, 22 - s2).lanewise(VectorOperators.ASHR, 22).add(128)
                .max(0).min(255);
        IntVector s23 = r23.lanewise(VectorOperators.LSHL, 22 - s2).lanewise(VectorOperators.ASHR, 22).add(128)
                .max(0).min(255);
        IntVector t = s01.or(s23.lanewise(VectorOperators.LSHL, 16));
        IntVector rows = t.or(t.rearrange(SWAP4).lanewise(VectorOperators.LSHL, 8));
        LITTLE_ENDIAN_INT.set(out, offset, rows.lane(0));
        LITTLE_ENDIAN_INT.set(out, offset + stride, rows.lane(1));
        LITTLE_ENDIAN_INT.set(out, offset + 2 * stride, rows.lane(2));
        LITTLE_ENDIAN_INT.set(out, offset + 3 * stride, rows.lane(3));
    }
}
