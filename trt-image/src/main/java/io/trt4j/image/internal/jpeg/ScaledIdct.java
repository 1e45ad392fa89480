package io.trt4j.image.internal.jpeg;

import static io.trt4j.image.internal.jpeg.LibjpegFixed.CONST_BITS;
import static io.trt4j.image.internal.jpeg.LibjpegFixed.PASS1_BITS;

import java.util.Arrays;

/**
 * The scaled inverse DCTs of libjpeg-turbo 2.1's {@code jidctint.c} that shrink an 8x8 coefficient block to 7x7, 6x6,
 * 5x5 or 3x3 samples ({@code jpeg_idct_7x7}, {@code _6x6}, {@code _5x5}, {@code _3x3}: scale 7/8, 6/8, 5/8, 3/8; the
 * power-of-two sizes are {@link ReducedIdct}'s). Each is a separable N-point IDCT on the block's top-left N x N
 * coefficients (the others are ignored), with libjpeg's fixed point ({@code CONST_BITS = 13}, {@code PASS1_BITS = 2},
 * {@code FIX(x) = (long) (x * 8192 + 0.5)}), operation order, rounding fudge factors and plain arithmetic right
 * shifts, so the samples are libjpeg's bit for bit. Output goes through {@link SampleRangeLimit}.
 *
 * <p>Integer widths as libjpeg-turbo's 64-bit build, where {@code JLONG} is a C {@code long}: products and sums in
 * {@code long}, the workspace between the passes in {@code int} (the C code's {@code (int)} casts). libjpeg-turbo has
 * no SIMD version of these sizes on x86 or Arm, so there is no build whose results differ, even for corrupt data.
 * All-zero shortcuts: libjpeg takes none for these sizes; {@link #dcOnly} is an exact shortcut of ours (a block whose
 * only non-zero coefficient is DC gives N x N equal samples, whatever N).
 *
 * <p>Arguments of every transform: {@code coef}, 64 dequantized coefficients (quantized value times quantization
 * step, in {@code int}) in natural (row-major) order; {@code out}, destination samples (unsigned bytes 0..255);
 * {@code offset}, the index of the block's top-left sample; {@code stride}, the distance between rows; {@code ws}, a
 * workspace of at least 64 ints.
 *
 * <p>Each transform writes its two passes (and each pass's butterflies) out in full, with no shared helper methods,
 * on purpose: C2's inlining limits leave such helpers as calls in this hot code, and a helper-method version measured
 * 2.5 times slower.
 *
 * <p>Thread-safety: stateless; the caller supplies the workspace.
 */
final class ScaledIdct {
    /** Descale of the first pass. */
    static final int SHIFT1 = CONST_BITS - PASS1_BITS;
    /** Descale of the second pass. */
    static final int SHIFT2 = CONST_BITS + PASS1_BITS + 3;
    /** The first pass's rounding term, added to the DC term before the odd/even butterflies. */
    static final long ROUND1 = 1L << (CONST_BITS - PASS1_BITS - 1);
    /** The second pass's rounding term, added to the workspace DC value before it is scaled by 2^13. */
    static final long ROUND2 = 1L << (PASS1_BITS + 2);

    private static final long F_0_077722536 = fix(0.077722536);
    private static final long F_0_170262339 = fix(0.170262339);
    private static final long F_0_314692123 = fix(0.314692123);
    private static final long F_0_353553391 = fix(0.353553391);
    private static final long F_0_366025404 = fix(0.366025404);
    private static final long F_0_513743148 = fix(0.513743148);
    private static final long F_0_613604268 = fix(0.613604268);
    private static final long F_0_707106781 = fix(0.707106781);
    private static final long F_0_790569415 = fix(0.790569415);
    private static final long F_0_831253876 = fix(0.831253876);
    private static final long F_0_881747734 = fix(0.881747734);
    private static final long F_0_935414347 = fix(0.935414347);
    private static final long F_1_224744871 = fix(1.224744871);
    private static final long F_1_274162392 = fix(1.274162392);
    private static final long F_1_378756276 = fix(1.378756276);
    private static final long F_1_414213562 = fix(1.414213562);
    private static final long F_1_841218003 = fix(1.841218003);
    private static final long F_1_870828693 = fix(1.870828693);
    private static final long F_2_176250899 = fix(2.176250899);
    private static final long F_2_470602249 = fix(2.470602249);

    private ScaledIdct() {
    }

    /** libjpeg's {@code FIX(x)} for {@code CONST_BITS = 13}. */
    static long fix(double x) {
        return (long) (x * (1L << CONST_BITS) + 0.5);
    }

    /** A second-pass result to its sample, as libjpeg's {@code range_limit[(int) DESCALE(v) & RANGE_MASK]}. */
    static byte sample(long v) {
        return SampleRangeLimit.TABLE[(int) (v >> SHIFT2) & 1023];
    }

    /**
     * An N x N block (N = 1..16) whose only non-zero coefficient is the dequantized DC {@code dc}: every scaled IDCT of
     * {@code jidctint.c} then computes, for every sample, the first pass {@code (int) (((long) dc << 13) + 2^10 >> 11)}
     * (all its other terms are products with zero) and the second pass {@code ((w + 2^4) << 13) >> 18} of that value,
     * so all samples are equal; this writes them without the multiplications.
     */
    static void dcOnly(int dc, int n, byte[] out, int offset, int stride) {
        int w = (int) ((((long) dc << CONST_BITS) + ROUND1) >> SHIFT1);
        byte v = sample(((long) w + ROUND2) << CONST_BITS);
        for (int row = 0; row < n; row++, offset += stride) {
            Arrays.fill(out, offset, offset + n, v);
        }
    }

    /** {@code jpeg_idct_7x7}: the top-left 7x7 coefficients to 7 rows of 7 samples (cK = sqrt(2) cos(K pi / 14)). */
    static void transform7x7(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        for (int c = 0; c < 7; c++) {
            long tmp13 = ((long) coef[c] << CONST_BITS) + ROUND1;
            long z1 = coef[16 + c];
            long z2 = coef[32 + c];
            long z3 = coef[48 + c];
            long tmp10 = (z2 - z3) * F_0_881747734;
            long tmp12 = (z1 - z2) * F_0_314692123;
            long tmp11 = tmp10 + tmp12 + tmp13 - z2 * F_1_841218003;
            long tmp0 = z1 + z3;
            z2 -= tmp0;
            tmp0 = tmp0 * F_1_274162392 + tmp13;
            tmp10 += tmp0 - z3 * F_0_077722536;
            tmp12 += tmp0 - z1 * F_2_470602249;
            tmp13 += z2 * F_1_414213562;

            z1 = coef[8 + c];
            z2 = coef[24 + c];
            z3 = coef[40 + c];
            long tmp1 = (z1 + z2) * F_0_935414347;
            long tmp2 = (z1 - z2) * F_0_170262339;
            tmp0 = tmp1 - tmp2;
            tmp1 += tmp2;
            tmp2 = (z2 + z3) * -F_1_378756276;
            tmp1 += tmp2;
            z2 = (z1 + z3) * F_0_613604268;
            tmp0 += z2;
            tmp2 += z2 + z3 * F_1_870828693;

            ws[c] = (int) ((tmp10 + tmp0) >> SHIFT1);
            ws[7 * 6 + c] = (int) ((tmp10 - tmp0) >> SHIFT1);
            ws[7 + c] = (int) ((tmp11 + tmp1) >> SHIFT1);
            ws[7 * 5 + c] = (int) ((tmp11 - tmp1) >> SHIFT1);
            ws[7 * 2 + c] = (int) ((tmp12 + tmp2) >> SHIFT1);
            ws[7 * 4 + c] = (int) ((tmp12 - tmp2) >> SHIFT1);
            ws[7 * 3 + c] = (int) (tmp13 >> SHIFT1);
        }
        for (int w = 0; w < 49; w += 7, offset += stride) {
            long tmp13 = ((long) ws[w] + ROUND2) << CONST_BITS;
            long z1 = ws[w + 2];
            long z2 = ws[w + 4];
            long z3 = ws[w + 6];
            long tmp10 = (z2 - z3) * F_0_881747734;
            long tmp12 = (z1 - z2) * F_0_314692123;
            long tmp11 = tmp10 + tmp12 + tmp13 - z2 * F_1_841218003;
            long tmp0 = z1 + z3;
            z2 -= tmp0;
            tmp0 = tmp0 * F_1_274162392 + tmp13;
            tmp10 += tmp0 - z3 * F_0_077722536;
            tmp12 += tmp0 - z1 * F_2_470602249;
            tmp13 += z2 * F_1_414213562;

            z1 = ws[w + 1];
            z2 = ws[w + 3];
            z3 = ws[w + 5];
            long tmp1 = (z1 + z2) * F_0_935414347;
            long tmp2 = (z1 - z2) * F_0_170262339;
            tmp0 = tmp1 - tmp2;
            tmp1 += tmp2;
            tmp2 = (z2 + z3) * -F_1_378756276;
            tmp1 += tmp2;
            z2 = (z1 + z3) * F_0_613604268;
            tmp0 += z2;
            tmp2 += z2 + z3 * F_1_870828693;

            out[offset] = sample(tmp10 + tmp0);
            out[offset + 6] = sample(tmp10 - tmp0);
            out[offset + 1] = sample(tmp11 + tmp1);
            out[offset + 5] = sample(tmp11 - tmp1);
            out[offset + 2] = sample(tmp12 + tmp2);
            out[offset + 4] = sample(tmp12 - tmp2);
            out[offset + 3] = sample(tmp13);
        }
    }

    /** {@code jpeg_idct_6x6}: the top-left 6x6 coefficients to 6 rows of 6 samples (cK = sqrt(2) cos(K pi / 12)). */
    static void transform6x6(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        for (int c = 0; c < 6; c++) {
            long tmp0 = ((long) coef[c] << CONST_BITS) + ROUND1;
            long tmp10 = coef[32 + c] * F_0_707106781;
            long tmp1 = tmp0 + tmp10;
            long tmp11 = (tmp0 - tmp10 - tmp10) >> SHIFT1;
            tmp0 = coef[16 + c] * F_1_224744871;
            tmp10 = tmp1 + tmp0;
            long tmp12 = tmp1 - tmp0;

            long z1 = coef[8 + c];
            long z2 = coef[24 + c];
            long z3 = coef[40 + c];
            tmp1 = (z1 + z3) * F_0_366025404;
            tmp0 = tmp1 + ((z1 + z2) << CONST_BITS);
            long tmp2 = tmp1 + ((z3 - z2) << CONST_BITS);
            tmp1 = (z1 - z2 - z3) << PASS1_BITS;

            ws[c] = (int) ((tmp10 + tmp0) >> SHIFT1);
            ws[6 * 5 + c] = (int) ((tmp10 - tmp0) >> SHIFT1);
            ws[6 + c] = (int) (tmp11 + tmp1);
            ws[6 * 4 + c] = (int) (tmp11 - tmp1);
            ws[6 * 2 + c] = (int) ((tmp12 + tmp2) >> SHIFT1);
            ws[6 * 3 + c] = (int) ((tmp12 - tmp2) >> SHIFT1);
        }
        for (int w = 0; w < 36; w += 6, offset += stride) {
            long tmp0 = ((long) ws[w] + ROUND2) << CONST_BITS;
            long tmp10 = ws[w + 4] * F_0_707106781;
            long tmp1 = tmp0 + tmp10;
            long tmp11 = tmp0 - tmp10 - tmp10;
            tmp0 = ws[w + 2] * F_1_224744871;
            tmp10 = tmp1 + tmp0;
            long tmp12 = tmp1 - tmp0;

            long z1 = ws[w + 1];
            long z2 = ws[w + 3];
            long z3 = ws[w + 5];
            tmp1 = (z1 + z3) * F_0_366025404;
            tmp0 = tmp1 + ((z1 + z2) << CONST_BITS);
            long tmp2 = tmp1 + ((z3 - z2) << CONST_BITS);
            tmp1 = (z1 - z2 - z3) << CONST_BITS;

            out[offset] = sample(tmp10 + tmp0);
            out[offset + 5] = sample(tmp10 - tmp0);
            out[offset + 1] = sample(tmp11 + tmp1);
            out[offset + 4] = sample(tmp11 - tmp1);
            out[offset + 2] = sample(tmp12 + tmp2);
            out[offset + 3] = sample(tmp12 - tmp2);
        }
    }

    /** {@code jpeg_idct_5x5}: the top-left 5x5 coefficients to 5 rows of 5 samples (cK = sqrt(2) cos(K pi / 10)). */
    static void transform5x5(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        for (int c = 0; c < 5; c++) {
            long tmp12 = ((long) coef[c] << CONST_BITS) + ROUND1;
            long tmp0 = coef[16 + c];
            long tmp1 = coef[32 + c];
            long z1 = (tmp0 + tmp1) * F_0_790569415;
            long z2 = (tmp0 - tmp1) * F_0_353553391;
            long z3 = tmp12 + z2;
            long tmp10 = z3 + z1;
            long tmp11 = z3 - z1;
            tmp12 -= z2 << 2;

            z2 = coef[8 + c];
            z3 = coef[24 + c];
            z1 = (z2 + z3) * F_0_831253876;
            tmp0 = z1 + z2 * F_0_513743148;
            tmp1 = z1 - z3 * F_2_176250899;

            ws[c] = (int) ((tmp10 + tmp0) >> SHIFT1);
            ws[5 * 4 + c] = (int) ((tmp10 - tmp0) >> SHIFT1);
            ws[5 + c] = (int) ((tmp11 + tmp1) >> SHIFT1);
            ws[5 * 3 + c] = (int) ((tmp11 - tmp1) >> SHIFT1);
            ws[5 * 2 + c] = (int) (tmp12 >> SHIFT1);
        }
        for (int w = 0; w < 25; w += 5, offset += stride) {
            long tmp12 = ((long) ws[w] + ROUND2) << CONST_BITS;
            long tmp0 = ws[w + 2];
            long tmp1 = ws[w + 4];
            long z1 = (tmp0 + tmp1) * F_0_790569415;
            long z2 = (tmp0 - tmp1) * F_0_353553391;
            long z3 = tmp12 + z2;
            long tmp10 = z3 + z1;
            long tmp11 = z3 - z1;
            tmp12 -= z2 << 2;

            z2 = ws[w + 1];
            z3 = ws[w + 3];
            z1 = (z2 + z3) * F_0_831253876;
            tmp0 = z1 + z2 * F_0_513743148;
            tmp1 = z1 - z3 * F_2_176250899;

            out[offset] = sample(tmp10 + tmp0);
            out[offset + 4] = sample(tmp10 - tmp0);
            out[offset + 1] = sample(tmp11 + tmp1);
            out[offset + 3] = sample(tmp11 - tmp1);
            out[offset + 2] = sample(tmp12);
        }
    }

    /** {@code jpeg_idct_3x3}: the top-left 3x3 coefficients to 3 rows of 3 samples (cK = sqrt(2) cos(K pi / 6)). */
    static void transform3x3(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        for (int c = 0; c < 3; c++) {
            long tmp0 = ((long) coef[c] << CONST_BITS) + ROUND1;
            long tmp12 = coef[16 + c] * F_0_707106781;
            long tmp10 = tmp0 + tmp12;
            long tmp2 = tmp0 - tmp12 - tmp12;
            tmp0 = coef[8 + c] * F_1_224744871;

            ws[c] = (int) ((tmp10 + tmp0) >> SHIFT1);
            ws[3 * 2 + c] = (int) ((tmp10 - tmp0) >> SHIFT1);
            ws[3 + c] = (int) (tmp2 >> SHIFT1);
        }
        for (int w = 0; w < 9; w += 3, offset += stride) {
            long tmp0 = ((long) ws[w] + ROUND2) << CONST_BITS;
            long tmp12 = ws[w + 2] * F_0_707106781;
            long tmp10 = tmp0 + tmp12;
            long tmp2 = tmp0 - tmp12 - tmp12;
            tmp0 = ws[w + 1] * F_1_224744871;

            out[offset] = sample(tmp10 + tmp0);
            out[offset + 2] = sample(tmp10 - tmp0);
            out[offset + 1] = sample(tmp2);
        }
    }
}
