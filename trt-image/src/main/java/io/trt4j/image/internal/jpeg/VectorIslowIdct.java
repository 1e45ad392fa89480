package io.trt4j.image.internal.jpeg;

import static io.trt4j.image.internal.jpeg.LibjpegFixed.*;
import static io.trt4j.image.internal.VectorTranspose.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link IslowIdct} (libjpeg's {@code jidctint.c}) with the incubator Vector API: 8 {@code int} lanes, one per column
 * in the column pass and one per row in the row pass (an 8x8 transpose by lane permutes and blends in between), the
 * same 32-bit arithmetic as {@link IslowIdct}'s narrow path and so the same samples.
 *
 * <p>Only loaded when {@link VectorKernels#ENABLED} (the {@code jdk.incubator.vector} module is in the boot layer);
 * nothing else in the decoder refers to this class or to {@code jdk.incubator.vector}, so without the module the
 * scalar path runs and no class of that module is ever resolved.
 *
 * <p>Out of range: a block is computed here only when every dequantized coefficient lies within -8192..8191 (the
 * narrow path's domain), every first-pass value within 16 bits and every result within +/-512 before range limiting;
 * those three checks are folded into one test at the end, and a block that fails any of them (corrupt or extreme
 * data only) is handed whole to {@link IslowIdct#transform}, which writes its samples and returns its range report.
 * So samples and reports are {@link IslowIdct}'s for every input, including the reports of blocks that libjpeg's C
 * and SIMD builds disagree on. Because failing blocks never use this class's output, the range limit here is a plain
 * clamp to 0..255 (equal to {@link SampleRangeLimit} within +/-512), with the +128 level shift folded into pass 2's
 * rounding constant: pass 2 sums stay within +/-2,005,860,352 for 16-bit workspace values (61,214 times 32,768, the
 * largest sum of absolute multipliers of the 8 outputs), so adding 2^17 + 2^25 cannot overflow.
 *
 * <p>Written as one method on purpose: the Vector API is only fast when C2 inlines and intrinsifies every vector
 * operation; vectors passed between methods (or code outside C2) get boxed and run hundreds of times slower, so
 * before C2 compiles this method the first few thousand blocks are slow.
 *
 * <p>Thread-safety: stateless; the caller supplies the workspace (used only by the scalar fallback).
 */
final class VectorIslowIdct {
    private static final VarHandle LITTLE_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    // lanes 0..3 / 4..7 each spread to two lanes, to interleave two vectors with a blend on ODD
    /** Explicit, not {@code reinterpretAsLongs()}: see {@link io.trt4j.image.internal.VectorApiSupport}. */
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_256;
    private static final VectorShuffle<Integer> SPREAD_LO = VectorShuffle.fromValues(S, 0, 0, 1, 1, 2, 2, 3, 3);
    private static final VectorShuffle<Integer> SPREAD_HI = VectorShuffle.fromValues(S, 4, 4, 5, 5, 6, 6, 7, 7);

    private VectorIslowIdct() {
    }

    /**
     * Inverse-transforms one block; the same contract, samples and return value as {@link IslowIdct#transform}
     * (every column computed).
     */
    static int transform(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        IntVector d0 = IntVector.fromArray(S, coef, 0);
        IntVector d1 = IntVector.fromArray(S, coef, 8);
        IntVector d2 = IntVector.fromArray(S, coef, 16);
        IntVector d3 = IntVector.fromArray(S, coef, 24);
        IntVector d4 = IntVector.fromArray(S, coef, 32);
        IntVector d5 = IntVector.fromArray(S, coef, 40);
        IntVector d6 = IntVector.fromArray(S, coef, 48);
        IntVector d7 = IntVector.fromArray(S, coef, 56);
        // biased by 2^13: every coefficient must lie within 0..2^14-1 for the 32-bit column pass
        IntVector inCheck = d0.add(1 << 13).or(d1.add(1 << 13)).or(d2.add(1 << 13)).or(d3.add(1 << 13))
                .or(d4.add(1 << 13)).or(d5.add(1 << 13)).or(d6.add(1 << 13)).or(d7.add(1 << 13));

        // ---- pass 1: columns (lane = column), as IslowIdct.columnsNarrow ----
        IntVector z1 = d2.add(d6).mul(FIX_0_541196100);
        IntVector tmp2 = z1.add(d6.mul(-FIX_1_847759065));
        IntVector tmp3 = z1.add(d2.mul(FIX_0_765366865));
        final int r1 = 1 << (CONST_BITS - PASS1_BITS - 1);
        final int s1 = CONST_BITS - PASS1_BITS;
        IntVector tmp0 = d0.add(d4).lanewise(VectorOperators.LSHL, CONST_BITS).add(r1);
        IntVector tmp1 = d0.sub(d4).lanewise(VectorOperators.LSHL, CONST_BITS).add(r1);
        IntVector tmp10 = tmp0.add(tmp3);
        IntVector tmp13 = tmp0.sub(tmp3);
        IntVector tmp11 = tmp1.add(tmp2);
        IntVector tmp12 = tmp1.sub(tmp2);
        IntVector o1 = d7.add(d1);
        IntVector o2 = d5.add(d3);
        IntVector o3 = d7.add(d3);
        IntVector o4 = d5.add(d1);
        IntVector z5 = o3.add(o4).mul(FIX_1_175875602);
        o1 = o1.mul(-FIX_0_899976223);
        o2 = o2.mul(-FIX_2_562915447);
        o3 = o3.mul(-FIX_1_961570560).add(z5);
        o4 = o4.mul(-FIX_0_390180644).add(z5);
        IntVector e0 = d7.mul(FIX_0_298631336).add(o1).add(o3);
        IntVector e1 = d5.mul(FIX_2_053119869).add(o2).add(o4);
        IntVector e2 = d3.mul(FIX_3_072711026).add(o2).add(o3);
        IntVector e3 = d1.mul(FIX_1_501321110).add(o1).add(o4);
        IntVector w0 = tmp10.add(e3).lanewise(VectorOperators.ASHR, s1);
        IntVector w7 = tmp10.sub(e3).lanewise(VectorOperators.ASHR, s1);
        IntVector w1 = tmp11.add(e2).lanewise(VectorOperators.ASHR, s1);
        IntVector w6 = tmp11.sub(e2).lanewise(VectorOperators.ASHR, s1);
        IntVector w2 = tmp12.add(e1).lanewise(VectorOperators.ASHR, s1);
        IntVector w5 = tmp12.sub(e1).lanewise(VectorOperators.ASHR, s1);
        IntVector w3 = tmp13.add(e0).lanewise(VectorOperators.ASHR, s1);
        IntVector w4 = tmp13.sub(e0).lanewise(VectorOperators.ASHR, s1);
        // biased by 2^15: every workspace value must fit in 16 bits
        IntVector wsCheck = w0.add(32768).or(w1.add(32768)).or(w2.add(32768)).or(w3.add(32768))
                .or(w4.add(32768)).or(w5.add(32768)).or(w6.add(32768)).or(w7.add(32768));

        // ---- transpose: afterwards wk lane r = workspace[r][k] ----
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
        w0 = b0.blend(b1.rearrange(SWAP1), ODD);
        w1 = b0.rearrange(SWAP1).blend(b1, ODD);
        w2 = b2.blend(b3.rearrange(SWAP1), ODD);
        w3 = b2.rearrange(SWAP1).blend(b3, ODD);
        w4 = b4.blend(b5.rearrange(SWAP1), ODD);
        w5 = b4.rearrange(SWAP1).blend(b5, ODD);
        w6 = b6.blend(b7.rearrange(SWAP1), ODD);
        w7 = b6.rearrange(SWAP1).blend(b7, ODD);

        // ---- pass 2: rows (lane = row), as IslowIdct.rowsNarrow, +128 folded into the rounding ----
        final int s2 = CONST_BITS + PASS1_BITS + 3;
        final int r2 = (1 << (s2 - 1)) + (128 << s2);
        z1 = w2.add(w6).mul(FIX_0_541196100);
        tmp2 = z1.add(w6.mul(-FIX_1_847759065));
        tmp3 = z1.add(w2.mul(FIX_0_765366865));
        tmp0 = w0.add(w4).lanewise(VectorOperators.LSHL, CONST_BITS).add(r2);
        tmp1 = w0.sub(w4).lanewise(VectorOperators.LSHL, CONST_BITS).add(r2);
        tmp10 = tmp0.add(tmp3);
        tmp13 = tmp0.sub(tmp3);
        tmp11 = tmp1.add(tmp2);
        tmp12 = tmp1.sub(tmp2);
        o1 = w7.add(w1);
        o2 = w5.add(w3);
        o3 = w7.add(w3);
        o4 = w5.add(w1);
        z5 = o3.add(o4).mul(FIX_1_175875602);
        o1 = o1.mul(-FIX_0_899976223);
        o2 = o2.mul(-FIX_2_562915447);
        o3 = o3.mul(-FIX_1_961570560).add(z5);
        o4 = o4.mul(-FIX_0_390180644).add(z5);
        e0 = w7.mul(FIX_0_298631336).add(o1).add(o3);
        e1 = w5.mul(FIX_2_053119869).add(o2).add(o4);
        e2 = w3.mul(FIX_3_072711026).add(o2).add(o3);
        e3 = w1.mul(FIX_1_501321110).add(o1).add(o4);
        // v = sample value (result + 128)
        IntVector v0 = tmp10.add(e3).lanewise(VectorOperators.ASHR, s2);
        IntVector v7 = tmp10.sub(e3).lanewise(VectorOperators.ASHR, s2);
        IntVector v1 = tmp11.add(e2).lanewise(VectorOperators.ASHR, s2);
        IntVector v6 = tmp11.sub(e2).lanewise(VectorOperators.ASHR, s2);
        IntVector v2 = tmp12.add(e1).lanewise(VectorOperators.ASHR, s2);
        IntVector v5 = tmp12.sub(e1).lanewise(VectorOperators.ASHR, s2);
        IntVector v3 = tmp13.add(e0).lanewise(VectorOperators.ASHR, s2);
        IntVector v4 = tmp13.sub(e0).lanewise(VectorOperators.ASHR, s2);
        // biased by 512 - 128: every result must lie within -512..511
        IntVector outCheck = v0.add(384).or(v1.add(384)).or(v2.add(384)).or(v3.add(384)).or(v4.add(384))
                .or(v5.add(384)).or(v6.add(384)).or(v7.add(384));
        IntVector bad = inCheck.and(-1 << 14).or(wsCheck.and(~0xFFFF)).or(outCheck.and(~1023));
        if (bad.reduceLanes(VectorOperators.OR) != 0) { // not compare(..).anyTrue(): see VectorApiSupport
            return IslowIdct.transform(coef, out, offset, stride, ws, 8);
        }

        // ---- clamp to 0..255 and store: lane r of lo / hi holds bytes 0..3 / 4..7 of output row r ----
        IntVector lo = v0.max(0).min(255)
                .or(v1.max(0).min(255).lanewise(VectorOperators.LSHL, 8))
                .or(v2.max(0).min(255).lanewise(VectorOperators.LSHL, 16))
                .or(v3.max(0).min(255).lanewise(VectorOperators.LSHL, 24));
        IntVector hi = v4.max(0).min(255)
                .or(v5.max(0).min(255).lanewise(VectorOperators.LSHL, 8))
                .or(v6.max(0).min(255).lanewise(VectorOperators.LSHL, 16))
                .or(v7.max(0).min(255).lanewise(VectorOperators.LSHL, 24));
        // interleave: int lanes (lo_r, hi_r) form the little-endian long of row r
        LongVector rows0to3 = (LongVector) lo.rearrange(SPREAD_LO).blend(hi.rearrange(SPREAD_LO), ODD)
                .reinterpretShape(LONGS, 0);
        LongVector rows4to7 = (LongVector) lo.rearrange(SPREAD_HI).blend(hi.rearrange(SPREAD_HI), ODD)
                .reinterpretShape(LONGS, 0);
        LITTLE_ENDIAN_LONG.set(out, offset, rows0to3.lane(0));
        LITTLE_ENDIAN_LONG.set(out, offset + stride, rows0to3.lane(1));
        LITTLE_ENDIAN_LONG.set(out, offset + 2 * stride, rows0to3.lane(2));
        LITTLE_ENDIAN_LONG.set(out, offset + 3 * stride, rows0to3.lane(3));
        LITTLE_ENDIAN_LONG.set(out, offset + 4 * stride, rows4to7.lane(0));
        LITTLE_ENDIAN_LONG.set(out, offset + 5 * stride, rows4to7.lane(1));
        LITTLE_ENDIAN_LONG.set(out, offset + 6 * stride, rows4to7.lane(2));
        LITTLE_ENDIAN_LONG.set(out, offset + 7 * stride, rows4to7.lane(3));
        return 0;
    }
}
