package io.trt4j.image.internal.jpeg;

import static io.trt4j.image.internal.jpeg.LibjpegFixed.*;

/**
 * Test reference: {@link ReducedIdct#transform4x4} as it was before it dropped its quantization-table argument
 * (libjpeg's code with the multiplications by the steps), kept to check the faster scalar and vector versions
 * against. The original documentation follows.
 *
 * <p>The reduced-size inverse DCTs of libjpeg 6b's {@code jidctred.c}: an 8x8 coefficient block straight to 4x4, 2x2 or
 * 1x1 samples (scale 1/2, 1/4, 1/8), each output sample the IDCT averaged over the 2x2, 4x4 or 8x8 samples it
 * stands for, in the same fixed point ({@code CONST_BITS = 13}, {@code PASS1_BITS = 2}) with the same skipped terms,
 * zero shortcuts and rounding. Output goes through {@link SampleRangeLimit}. Integer widths as {@link IslowIdct}
 * (64-bit arithmetic, 32-bit dequantized values and workspace).
 *
 * <p>Thread-safety: stateless; the caller supplies the workspace.
 */
final class ReducedIdctReference {

    private ReducedIdctReference() {
    }

    /**
     * One block to 4x4 samples. Arguments as {@link IslowIdct#transform}; writes 4 rows of 4.
     */
    static void transform4x4(int[] coef, int[] quant, byte[] out, int offset, int stride, int[] ws) {
        for (int c = 0; c < 8; c++) {
            if (c == 4) {
                continue; // the second pass does not use column 4
            }
            if (coef[8 + c] == 0 && coef[16 + c] == 0 && coef[24 + c] == 0 && coef[40 + c] == 0
                    && coef[48 + c] == 0 && coef[56 + c] == 0) {
                int dc = (coef[c] * quant[c]) << PASS1_BITS;
                ws[c] = dc;
                ws[8 + c] = dc;
                ws[16 + c] = dc;
                ws[24 + c] = dc;
                continue;
            }
            long tmp0 = (long) (coef[c] * quant[c]) << (CONST_BITS + 1);
            long z2 = coef[16 + c] * quant[16 + c];
            long z3 = coef[48 + c] * quant[48 + c];
            long tmp2 = z2 * FIX_1_847759065 + z3 * -FIX_0_765366865;
            long tmp10 = tmp0 + tmp2;
            long tmp12 = tmp0 - tmp2;
            long z1 = coef[56 + c] * quant[56 + c];
            z2 = coef[40 + c] * quant[40 + c];
            z3 = coef[24 + c] * quant[24 + c];
            long z4 = coef[8 + c] * quant[8 + c];
            tmp0 = z1 * -FIX_0_211164243 + z2 * FIX_1_451774981 + z3 * -FIX_2_172734803 + z4 * FIX_1_061594337;
            tmp2 = z1 * -FIX_0_509795579 + z2 * -FIX_0_601344887 + z3 * FIX_0_899976223 + z4 * FIX_2_562915447;
            final int s = CONST_BITS - PASS1_BITS + 1;
            final long r = 1L << (s - 1);
            ws[c] = (int) ((tmp10 + tmp2 + r) >> s);
            ws[24 + c] = (int) ((tmp10 - tmp2 + r) >> s);
            ws[8 + c] = (int) ((tmp12 + tmp0 + r) >> s);
            ws[16 + c] = (int) ((tmp12 - tmp0 + r) >> s);
        }
        byte[] limit = SampleRangeLimit.TABLE;
        final int s = CONST_BITS + PASS1_BITS + 3 + 1;
        final long r = 1L << (s - 1);
        for (int row = 0; row < 32; row += 8, offset += stride) {
            if (ws[row + 1] == 0 && ws[row + 2] == 0 && ws[row + 3] == 0 && ws[row + 5] == 0 && ws[row + 6] == 0
                    && ws[row + 7] == 0) {
                byte dc = limit[(int) (((long) ws[row] + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023];
                out[offset] = dc;
                out[offset + 1] = dc;
                out[offset + 2] = dc;
                out[offset + 3] = dc;
                continue;
            }
            long tmp0 = (long) ws[row] << (CONST_BITS + 1);
            long tmp2 = (long) ws[row + 2] * FIX_1_847759065 + (long) ws[row + 6] * -FIX_0_765366865;
            long tmp10 = tmp0 + tmp2;
            long tmp12 = tmp0 - tmp2;
            long z1 = ws[row + 7];
            long z2 = ws[row + 5];
            long z3 = ws[row + 3];
            long z4 = ws[row + 1];
            tmp0 = z1 * -FIX_0_211164243 + z2 * FIX_1_451774981 + z3 * -FIX_2_172734803 + z4 * FIX_1_061594337;
            tmp2 = z1 * -FIX_0_509795579 + z2 * -FIX_0_601344887 + z3 * FIX_0_899976223 + z4 * FIX_2_562915447;
            out[offset] = limit[(int) ((tmp10 + tmp2 + r) >> s) & 1023];
            out[offset + 3] = limit[(int) ((tmp10 - tmp2 + r) >> s) & 1023];
            out[offset + 1] = limit[(int) ((tmp12 + tmp0 + r) >> s) & 1023];
            out[offset + 2] = limit[(int) ((tmp12 - tmp0 + r) >> s) & 1023];
        }
    }
}
