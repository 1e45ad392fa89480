package io.trt4j.image.internal.jpeg;

import static io.trt4j.image.internal.jpeg.LibjpegFixed.CONST_BITS;
import static io.trt4j.image.internal.jpeg.LibjpegFixed.PASS1_BITS;
import static io.trt4j.image.internal.jpeg.ScaledIdct.ROUND1;
import static io.trt4j.image.internal.jpeg.ScaledIdct.ROUND2;
import static io.trt4j.image.internal.jpeg.ScaledIdct.SHIFT1;
import static io.trt4j.image.internal.jpeg.ScaledIdct.fix;
import static io.trt4j.image.internal.jpeg.ScaledIdct.sample;

/**
 * The enlarging inverse DCTs of libjpeg-turbo 2.1's {@code jidctint.c} that turn an 8x8 coefficient block into 10x10,
 * 12x12 or 14x14 samples ({@code jpeg_idct_10x10}, {@code _12x12}, {@code _14x14}). libjpeg uses them for 2:1
 * subsampled chroma when decoding 4:2:0 at scale 5/8, 6/8 or 7/8: the chroma block then covers as many output pixels
 * as the two luma blocks beside it, so it needs no upsampling ({@code jdmaster.c} picks the size, see
 * {@link JpegDecoder}). Each is a separable N-point IDCT of all 64 coefficients, in libjpeg's fixed point
 * ({@code CONST_BITS = 13}, {@code PASS1_BITS = 2}) with its operation order and rounding, so the samples are libjpeg's
 * bit for bit; widths, range limiting and the absence of SIMD variants as {@link ScaledIdct}.
 *
 * <p>Arguments as {@link ScaledIdct}'s transforms, except that the workspace must hold {@code 8 * N} ints (at least
 * 112).
 *
 * <p>Each transform writes its two passes (and each pass's butterflies) out in full, with no shared helper methods,
 * on purpose: C2's inlining limits leave such helpers as calls in this hot code, and a helper-method version measured
 * 2.5 times slower.
 *
 * <p>Thread-safety: stateless; the caller supplies the workspace.
 */
final class UpscaledIdct {
    private static final long F_0_158341681 = fix(0.158341681);
    private static final long F_0_221231742 = fix(0.221231742);
    private static final long F_0_261052384 = fix(0.261052384);
    private static final long F_0_273079590 = fix(0.273079590);
    private static final long F_0_280143716 = fix(0.280143716);
    private static final long F_0_309016994 = fix(0.309016994);
    private static final long F_0_314692123 = fix(0.314692123);
    private static final long F_0_424103948 = fix(0.424103948);
    private static final long F_0_437016024 = fix(0.437016024);
    private static final long F_0_467085129 = fix(0.467085129);
    private static final long F_0_513743148 = fix(0.513743148);
    private static final long F_0_541196100 = fix(0.541196100);
    private static final long F_0_587785252 = fix(0.587785252);
    private static final long F_0_613604268 = fix(0.613604268);
    private static final long F_0_642039522 = fix(0.642039522);
    private static final long F_0_674957567 = fix(0.674957567);
    private static final long F_0_676326758 = fix(0.676326758);
    private static final long F_0_752406978 = fix(0.752406978);
    private static final long F_0_765366865 = fix(0.765366865);
    private static final long F_0_831253876 = fix(0.831253876);
    private static final long F_0_860918669 = fix(0.860918669);
    private static final long F_0_881747734 = fix(0.881747734);
    private static final long F_0_951056516 = fix(0.951056516);
    private static final long F_1_045510580 = fix(1.045510580);
    private static final long F_1_061150426 = fix(1.061150426);
    private static final long F_1_105676686 = fix(1.105676686);
    private static final long F_1_126980169 = fix(1.126980169);
    private static final long F_1_144122806 = fix(1.144122806);
    private static final long F_1_197448846 = fix(1.197448846);
    private static final long F_1_224744871 = fix(1.224744871);
    private static final long F_1_260073511 = fix(1.260073511);
    private static final long F_1_274162392 = fix(1.274162392);
    private static final long F_1_306562965 = fix(1.306562965);
    private static final long F_1_334852607 = fix(1.334852607);
    private static final long F_1_366025404 = fix(1.366025404);
    private static final long F_1_378756276 = fix(1.378756276);
    private static final long F_1_396802247 = fix(1.396802247);
    private static final long F_1_405321284 = fix(1.405321284);
    private static final long F_1_478575242 = fix(1.478575242);
    private static final long F_1_586706681 = fix(1.586706681);
    /** Spelled with ten decimals in {@code jidctint.c}; FIX rounds it to the same constant as 1.690643133. */
    private static final long F_1_6906431334 = fix(1.6906431334);
    private static final long F_1_719280954 = fix(1.719280954);
    private static final long F_1_847759065 = fix(1.847759065);
    private static final long F_1_982889723 = fix(1.982889723);
    private static final long F_2_176250899 = fix(2.176250899);
    private static final long F_2_373959773 = fix(2.373959773);

    private UpscaledIdct() {
    }

    /** {@code jpeg_idct_10x10}: 8x8 coefficients to 10 rows of 10 samples (cK = sqrt(2) cos(K pi / 20)). */
    static void transform10x10(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        for (int c = 0; c < 8; c++) {
            long z3 = ((long) coef[c] << CONST_BITS) + ROUND1;
            long z4 = coef[32 + c];
            long z1 = z4 * F_1_144122806;
            long z2 = z4 * F_0_437016024;
            long tmp10 = z3 + z1;
            long tmp11 = z3 - z2;
            long tmp22 = (z3 - ((z1 - z2) << 1)) >> SHIFT1;

            z2 = coef[16 + c];
            z3 = coef[48 + c];
            z1 = (z2 + z3) * F_0_831253876;
            long tmp12 = z1 + z2 * F_0_513743148;
            long tmp13 = z1 - z3 * F_2_176250899;

            long tmp20 = tmp10 + tmp12;
            long tmp24 = tmp10 - tmp12;
            long tmp21 = tmp11 + tmp13;
            long tmp23 = tmp11 - tmp13;

            z1 = coef[8 + c];
            z2 = coef[24 + c];
            z3 = coef[40 + c];
            z4 = coef[56 + c];
            tmp11 = z2 + z4;
            tmp13 = z2 - z4;
            tmp12 = tmp13 * F_0_309016994;
            long z5 = z3 << CONST_BITS;
            z2 = tmp11 * F_0_951056516;
            z4 = z5 + tmp12;
            tmp10 = z1 * F_1_396802247 + z2 + z4;
            long tmp14 = z1 * F_0_221231742 - z2 + z4;
            z2 = tmp11 * F_0_587785252;
            z4 = z5 - tmp12 - (tmp13 << (CONST_BITS - 1));
            tmp12 = (z1 - tmp13 - z3) << PASS1_BITS;
            tmp11 = z1 * F_1_260073511 - z2 - z4;
            tmp13 = z1 * F_0_642039522 - z2 + z4;

            ws[c] = (int) ((tmp20 + tmp10) >> SHIFT1);
            ws[8 * 9 + c] = (int) ((tmp20 - tmp10) >> SHIFT1);
            ws[8 + c] = (int) ((tmp21 + tmp11) >> SHIFT1);
            ws[8 * 8 + c] = (int) ((tmp21 - tmp11) >> SHIFT1);
            ws[8 * 2 + c] = (int) (tmp22 + tmp12);
            ws[8 * 7 + c] = (int) (tmp22 - tmp12);
            ws[8 * 3 + c] = (int) ((tmp23 + tmp13) >> SHIFT1);
            ws[8 * 6 + c] = (int) ((tmp23 - tmp13) >> SHIFT1);
            ws[8 * 4 + c] = (int) ((tmp24 + tmp14) >> SHIFT1);
            ws[8 * 5 + c] = (int) ((tmp24 - tmp14) >> SHIFT1);
        }
        for (int w = 0; w < 80; w += 8, offset += stride) {
            long z3 = ((long) ws[w] + ROUND2) << CONST_BITS;
            long z4 = ws[w + 4];
            long z1 = z4 * F_1_144122806;
            long z2 = z4 * F_0_437016024;
            long tmp10 = z3 + z1;
            long tmp11 = z3 - z2;
            long tmp22 = z3 - ((z1 - z2) << 1);

            z2 = ws[w + 2];
            z3 = ws[w + 6];
            z1 = (z2 + z3) * F_0_831253876;
            long tmp12 = z1 + z2 * F_0_513743148;
            long tmp13 = z1 - z3 * F_2_176250899;

            long tmp20 = tmp10 + tmp12;
            long tmp24 = tmp10 - tmp12;
            long tmp21 = tmp11 + tmp13;
            long tmp23 = tmp11 - tmp13;

            z1 = ws[w + 1];
            z2 = ws[w + 3];
            z3 = (long) ws[w + 5] << CONST_BITS;
            z4 = ws[w + 7];
            tmp11 = z2 + z4;
            tmp13 = z2 - z4;
            tmp12 = tmp13 * F_0_309016994;
            z2 = tmp11 * F_0_951056516;
            z4 = z3 + tmp12;
            tmp10 = z1 * F_1_396802247 + z2 + z4;
            long tmp14 = z1 * F_0_221231742 - z2 + z4;
            z2 = tmp11 * F_0_587785252;
            z4 = z3 - tmp12 - (tmp13 << (CONST_BITS - 1));
            tmp12 = ((z1 - tmp13) << CONST_BITS) - z3;
            tmp11 = z1 * F_1_260073511 - z2 - z4;
            tmp13 = z1 * F_0_642039522 - z2 + z4;

            out[offset] = sample(tmp20 + tmp10);
            out[offset + 9] = sample(tmp20 - tmp10);
            out[offset + 1] = sample(tmp21 + tmp11);
            out[offset + 8] = sample(tmp21 - tmp11);
            out[offset + 2] = sample(tmp22 + tmp12);
            out[offset + 7] = sample(tmp22 - tmp12);
            out[offset + 3] = sample(tmp23 + tmp13);
            out[offset + 6] = sample(tmp23 - tmp13);
            out[offset + 4] = sample(tmp24 + tmp14);
            out[offset + 5] = sample(tmp24 - tmp14);
        }
    }

    /** {@code jpeg_idct_12x12}: 8x8 coefficients to 12 rows of 12 samples (cK = sqrt(2) cos(K pi / 24)). */
    static void transform12x12(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        for (int c = 0; c < 8; c++) {
            long z3 = ((long) coef[c] << CONST_BITS) + ROUND1;
            long z4 = coef[32 + c] * F_1_224744871;
            long tmp10 = z3 + z4;
            long tmp11 = z3 - z4;

            long z1 = coef[16 + c];
            z4 = z1 * F_1_366025404;
            z1 <<= CONST_BITS;
            long z2 = (long) coef[48 + c] << CONST_BITS;
            long tmp12 = z1 - z2;
            long tmp21 = z3 + tmp12;
            long tmp24 = z3 - tmp12;
            tmp12 = z4 + z2;
            long tmp20 = tmp10 + tmp12;
            long tmp25 = tmp10 - tmp12;
            tmp12 = z4 - z1 - z2;
            long tmp22 = tmp11 + tmp12;
            long tmp23 = tmp11 - tmp12;

            z1 = coef[8 + c];
            z2 = coef[24 + c];
            z3 = coef[40 + c];
            z4 = coef[56 + c];
            tmp11 = z2 * F_1_306562965;
            long tmp14 = z2 * -F_0_541196100;
            tmp10 = z1 + z3;
            long tmp15 = (tmp10 + z4) * F_0_860918669;
            tmp12 = tmp15 + tmp10 * F_0_261052384;
            tmp10 = tmp12 + tmp11 + z1 * F_0_280143716;
            long tmp13 = (z3 + z4) * -F_1_045510580;
            tmp12 += tmp13 + tmp14 - z3 * F_1_478575242;
            tmp13 += tmp15 - tmp11 + z4 * F_1_586706681;
            tmp15 += tmp14 - z1 * F_0_676326758 - z4 * F_1_982889723;
            z1 -= z4;
            z2 -= z3;
            z3 = (z1 + z2) * F_0_541196100;
            tmp11 = z3 + z1 * F_0_765366865;
            tmp14 = z3 - z2 * F_1_847759065;

            ws[c] = (int) ((tmp20 + tmp10) >> SHIFT1);
            ws[8 * 11 + c] = (int) ((tmp20 - tmp10) >> SHIFT1);
            ws[8 + c] = (int) ((tmp21 + tmp11) >> SHIFT1);
            ws[8 * 10 + c] = (int) ((tmp21 - tmp11) >> SHIFT1);
            ws[8 * 2 + c] = (int) ((tmp22 + tmp12) >> SHIFT1);
            ws[8 * 9 + c] = (int) ((tmp22 - tmp12) >> SHIFT1);
            ws[8 * 3 + c] = (int) ((tmp23 + tmp13) >> SHIFT1);
            ws[8 * 8 + c] = (int) ((tmp23 - tmp13) >> SHIFT1);
            ws[8 * 4 + c] = (int) ((tmp24 + tmp14) >> SHIFT1);
            ws[8 * 7 + c] = (int) ((tmp24 - tmp14) >> SHIFT1);
            ws[8 * 5 + c] = (int) ((tmp25 + tmp15) >> SHIFT1);
            ws[8 * 6 + c] = (int) ((tmp25 - tmp15) >> SHIFT1);
        }
        for (int w = 0; w < 96; w += 8, offset += stride) {
            long z3 = ((long) ws[w] + ROUND2) << CONST_BITS;
            long z4 = ws[w + 4] * F_1_224744871;
            long tmp10 = z3 + z4;
            long tmp11 = z3 - z4;

            long z1 = ws[w + 2];
            z4 = z1 * F_1_366025404;
            z1 <<= CONST_BITS;
            long z2 = (long) ws[w + 6] << CONST_BITS;
            long tmp12 = z1 - z2;
            long tmp21 = z3 + tmp12;
            long tmp24 = z3 - tmp12;
            tmp12 = z4 + z2;
            long tmp20 = tmp10 + tmp12;
            long tmp25 = tmp10 - tmp12;
            tmp12 = z4 - z1 - z2;
            long tmp22 = tmp11 + tmp12;
            long tmp23 = tmp11 - tmp12;

            z1 = ws[w + 1];
            z2 = ws[w + 3];
            z3 = ws[w + 5];
            z4 = ws[w + 7];
            tmp11 = z2 * F_1_306562965;
            long tmp14 = z2 * -F_0_541196100;
            tmp10 = z1 + z3;
            long tmp15 = (tmp10 + z4) * F_0_860918669;
            tmp12 = tmp15 + tmp10 * F_0_261052384;
            tmp10 = tmp12 + tmp11 + z1 * F_0_280143716;
            long tmp13 = (z3 + z4) * -F_1_045510580;
            tmp12 += tmp13 + tmp14 - z3 * F_1_478575242;
            tmp13 += tmp15 - tmp11 + z4 * F_1_586706681;
            tmp15 += tmp14 - z1 * F_0_676326758 - z4 * F_1_982889723;
            z1 -= z4;
            z2 -= z3;
            z3 = (z1 + z2) * F_0_541196100;
            tmp11 = z3 + z1 * F_0_765366865;
            tmp14 = z3 - z2 * F_1_847759065;

            out[offset] = sample(tmp20 + tmp10);
            out[offset + 11] = sample(tmp20 - tmp10);
            out[offset + 1] = sample(tmp21 + tmp11);
            out[offset + 10] = sample(tmp21 - tmp11);
            out[offset + 2] = sample(tmp22 + tmp12);
            out[offset + 9] = sample(tmp22 - tmp12);
            out[offset + 3] = sample(tmp23 + tmp13);
            out[offset + 8] = sample(tmp23 - tmp13);
            out[offset + 4] = sample(tmp24 + tmp14);
            out[offset + 7] = sample(tmp24 - tmp14);
            out[offset + 5] = sample(tmp25 + tmp15);
            out[offset + 6] = sample(tmp25 - tmp15);
        }
    }

    /** {@code jpeg_idct_14x14}: 8x8 coefficients to 14 rows of 14 samples (cK = sqrt(2) cos(K pi / 28)). */
    static void transform14x14(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        for (int c = 0; c < 8; c++) {
            long z1 = ((long) coef[c] << CONST_BITS) + ROUND1;
            long z4 = coef[32 + c];
            long z2 = z4 * F_1_274162392;
            long z3 = z4 * F_0_314692123;
            z4 = z4 * F_0_881747734;
            long tmp10 = z1 + z2;
            long tmp11 = z1 + z3;
            long tmp12 = z1 - z4;
            long tmp23 = (z1 - ((z2 + z3 - z4) << 1)) >> SHIFT1;

            z1 = coef[16 + c];
            z2 = coef[48 + c];
            z3 = (z1 + z2) * F_1_105676686;
            long tmp13 = z3 + z1 * F_0_273079590;
            long tmp14 = z3 - z2 * F_1_719280954;
            long tmp15 = z1 * F_0_613604268 - z2 * F_1_378756276;
            long tmp20 = tmp10 + tmp13;
            long tmp26 = tmp10 - tmp13;
            long tmp21 = tmp11 + tmp14;
            long tmp25 = tmp11 - tmp14;
            long tmp22 = tmp12 + tmp15;
            long tmp24 = tmp12 - tmp15;

            z1 = coef[8 + c];
            z2 = coef[24 + c];
            z3 = coef[40 + c];
            z4 = coef[56 + c];
            tmp13 = z4 << CONST_BITS;
            tmp14 = z1 + z3;
            tmp11 = (z1 + z2) * F_1_334852607;
            tmp12 = tmp14 * F_1_197448846;
            tmp10 = tmp11 + tmp12 + tmp13 - z1 * F_1_126980169;
            tmp14 = tmp14 * F_0_752406978;
            long tmp16 = tmp14 - z1 * F_1_061150426;
            z1 -= z2;
            tmp15 = z1 * F_0_467085129 - tmp13;
            tmp16 += tmp15;
            z1 += z4;
            z4 = (z2 + z3) * -F_0_158341681 - tmp13;
            tmp11 += z4 - z2 * F_0_424103948;
            tmp12 += z4 - z3 * F_2_373959773;
            z4 = (z3 - z2) * F_1_405321284;
            tmp14 += z4 + tmp13 - z3 * F_1_6906431334;
            tmp15 += z4 + z2 * F_0_674957567;
            tmp13 = (z1 - z3) << PASS1_BITS;

            ws[c] = (int) ((tmp20 + tmp10) >> SHIFT1);
            ws[8 * 13 + c] = (int) ((tmp20 - tmp10) >> SHIFT1);
            ws[8 + c] = (int) ((tmp21 + tmp11) >> SHIFT1);
            ws[8 * 12 + c] = (int) ((tmp21 - tmp11) >> SHIFT1);
            ws[8 * 2 + c] = (int) ((tmp22 + tmp12) >> SHIFT1);
            ws[8 * 11 + c] = (int) ((tmp22 - tmp12) >> SHIFT1);
            ws[8 * 3 + c] = (int) (tmp23 + tmp13);
            ws[8 * 10 + c] = (int) (tmp23 - tmp13);
            ws[8 * 4 + c] = (int) ((tmp24 + tmp14) >> SHIFT1);
            ws[8 * 9 + c] = (int) ((tmp24 - tmp14) >> SHIFT1);
            ws[8 * 5 + c] = (int) ((tmp25 + tmp15) >> SHIFT1);
            ws[8 * 8 + c] = (int) ((tmp25 - tmp15) >> SHIFT1);
            ws[8 * 6 + c] = (int) ((tmp26 + tmp16) >> SHIFT1);
            ws[8 * 7 + c] = (int) ((tmp26 - tmp16) >> SHIFT1);
        }
        for (int w = 0; w < 112; w += 8, offset += stride) {
            long z1 = ((long) ws[w] + ROUND2) << CONST_BITS;
            long z4 = ws[w + 4];
            long z2 = z4 * F_1_274162392;
            long z3 = z4 * F_0_314692123;
            z4 = z4 * F_0_881747734;
            long tmp10 = z1 + z2;
            long tmp11 = z1 + z3;
            long tmp12 = z1 - z4;
            long tmp23 = z1 - ((z2 + z3 - z4) << 1);

            z1 = ws[w + 2];
            z2 = ws[w + 6];
            z3 = (z1 + z2) * F_1_105676686;
            long tmp13 = z3 + z1 * F_0_273079590;
            long tmp14 = z3 - z2 * F_1_719280954;
            long tmp15 = z1 * F_0_613604268 - z2 * F_1_378756276;
            long tmp20 = tmp10 + tmp13;
            long tmp26 = tmp10 - tmp13;
            long tmp21 = tmp11 + tmp14;
            long tmp25 = tmp11 - tmp14;
            long tmp22 = tmp12 + tmp15;
            long tmp24 = tmp12 - tmp15;

            z1 = ws[w + 1];
            z2 = ws[w + 3];
            z3 = ws[w + 5];
            z4 = (long) ws[w + 7] << CONST_BITS;
            tmp14 = z1 + z3;
            tmp11 = (z1 + z2) * F_1_334852607;
            tmp12 = tmp14 * F_1_197448846;
            tmp10 = tmp11 + tmp12 + z4 - z1 * F_1_126980169;
            tmp14 = tmp14 * F_0_752406978;
            long tmp16 = tmp14 - z1 * F_1_061150426;
            z1 -= z2;
            tmp15 = z1 * F_0_467085129 - z4;
            tmp16 += tmp15;
            tmp13 = (z2 + z3) * -F_0_158341681 - z4;
            tmp11 += tmp13 - z2 * F_0_424103948;
            tmp12 += tmp13 - z3 * F_2_373959773;
            tmp13 = (z3 - z2) * F_1_405321284;
            tmp14 += tmp13 + z4 - z3 * F_1_6906431334;
            tmp15 += tmp13 + z2 * F_0_674957567;
            tmp13 = ((z1 - z3) << CONST_BITS) + z4;

            out[offset] = sample(tmp20 + tmp10);
            out[offset + 13] = sample(tmp20 - tmp10);
            out[offset + 1] = sample(tmp21 + tmp11);
            out[offset + 12] = sample(tmp21 - tmp11);
            out[offset + 2] = sample(tmp22 + tmp12);
            out[offset + 11] = sample(tmp22 - tmp12);
            out[offset + 3] = sample(tmp23 + tmp13);
            out[offset + 10] = sample(tmp23 - tmp13);
            out[offset + 4] = sample(tmp24 + tmp14);
            out[offset + 9] = sample(tmp24 - tmp14);
            out[offset + 5] = sample(tmp25 + tmp15);
            out[offset + 8] = sample(tmp25 - tmp15);
            out[offset + 6] = sample(tmp26 + tmp16);
            out[offset + 7] = sample(tmp26 - tmp16);
        }
    }
}
