package io.trt4j.image.internal.jpeg;

import static io.trt4j.image.internal.jpeg.LibjpegFixed.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The reduced-size inverse DCTs of libjpeg 6b's {@code jidctred.c}: an 8x8 coefficient block straight to 4x4, 2x2 or
 * 1x1 samples (scale 1/2, 1/4, 1/8), each output sample the IDCT averaged over the 2x2, 4x4 or 8x8 samples it
 * stands for, in the same fixed point ({@code CONST_BITS = 13}, {@code PASS1_BITS = 2}) with the same skipped terms,
 * zero shortcuts and rounding. Output goes through {@link SampleRangeLimit}. Integer widths as {@link IslowIdct}
 * (64-bit arithmetic, 32-bit dequantized values and workspace).
 *
 * <p>Thread-safety: stateless; the caller supplies the workspace.
 */
final class ReducedIdct {
    private static final VarHandle LITTLE_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    private ReducedIdct() {
    }

    /**
     * One block of dequantized coefficients to 4x4 samples, as libjpeg's {@code jpeg_idct_4x4} with unit
     * quantization steps (the decoder dequantizes while decoding). Arguments as {@link IslowIdct#transform}; writes 4
     * rows of 4.
     */
    static void transform4x4(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        for (int c = 0; c < 8; c++) {
            if (c == 4) {
                continue; // the second pass does not use column 4
            }
            int d1 = coef[8 + c];
            int d2 = coef[16 + c];
            int d3 = coef[24 + c];
            int d5 = coef[40 + c];
            int d6 = coef[48 + c];
            int d7 = coef[56 + c];
            if ((d1 | d2 | d3 | d5 | d6 | d7) == 0) {
                int dc = coef[c] << PASS1_BITS;
                ws[c] = dc;
                ws[8 + c] = dc;
                ws[16 + c] = dc;
                ws[24 + c] = dc;
                continue;
            }
            final int s = CONST_BITS - PASS1_BITS + 1;
            long tmp0 = ((long) coef[c] << (CONST_BITS + 1)) + (1L << (s - 1));
            long tmp2 = (long) d2 * FIX_1_847759065 + (long) d6 * -FIX_0_765366865;
            long tmp10 = tmp0 + tmp2;
            long tmp12 = tmp0 - tmp2;
            tmp0 = (long) d7 * -FIX_0_211164243 + (long) d5 * FIX_1_451774981 + (long) d3 * -FIX_2_172734803
                    + (long) d1 * FIX_1_061594337;
            tmp2 = (long) d7 * -FIX_0_509795579 + (long) d5 * -FIX_0_601344887 + (long) d3 * FIX_0_899976223
                    + (long) d1 * FIX_2_562915447;
            ws[c] = (int) ((tmp10 + tmp2) >> s);
            ws[24 + c] = (int) ((tmp10 - tmp2) >> s);
            ws[8 + c] = (int) ((tmp12 + tmp0) >> s);
            ws[16 + c] = (int) ((tmp12 - tmp0) >> s);
        }
        byte[] limit = SampleRangeLimit.TABLE;
        final int s = CONST_BITS + PASS1_BITS + 3 + 1;
        for (int row = 0; row < 32; row += 8, offset += stride) {
            int w1 = ws[row + 1];
            int w2 = ws[row + 2];
            int w3 = ws[row + 3];
            int w5 = ws[row + 5];
            int w6 = ws[row + 6];
            int w7 = ws[row + 7];
            if ((w1 | w2 | w3 | w5 | w6 | w7) == 0) {
                int dc = limit[(int) (((long) ws[row] + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023] & 0xFF;
                LITTLE_ENDIAN_INT.set(out, offset, dc * 0x01010101);
                continue;
            }
            long tmp0 = ((long) ws[row] << (CONST_BITS + 1)) + (1L << (s - 1));
            long tmp2 = (long) w2 * FIX_1_847759065 + (long) w6 * -FIX_0_765366865;
            long tmp10 = tmp0 + tmp2;
            long tmp12 = tmp0 - tmp2;
            tmp0 = (long) w7 * -FIX_0_211164243 + (long) w5 * FIX_1_451774981 + (long) w3 * -FIX_2_172734803
                    + (long) w1 * FIX_1_061594337;
            tmp2 = (long) w7 * -FIX_0_509795579 + (long) w5 * -FIX_0_601344887 + (long) w3 * FIX_0_899976223
                    + (long) w1 * FIX_2_562915447;
            LITTLE_ENDIAN_INT.set(out, offset, (limit[(int) ((tmp10 + tmp2) >> s) & 1023] & 0xFF)
                    | (limit[(int) ((tmp12 + tmp0) >> s) & 1023] & 0xFF) << 8
                    | (limit[(int) ((tmp12 - tmp0) >> s) & 1023] & 0xFF) << 16
                    | limit[(int) ((tmp10 - tmp2) >> s) & 1023] << 24);
        }
    }

    /** One block of dequantized coefficients to 2x2 samples. Arguments as {@link IslowIdct#transform}; 2 rows of 2. */
    static void transform2x2(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        for (int c = 0; c < 8; c++) {
            if (c == 2 || c == 4 || c == 6) {
                continue; // the second pass does not use even columns other than 0
            }
            if (coef[8 + c] == 0 && coef[24 + c] == 0 && coef[40 + c] == 0 && coef[56 + c] == 0) {
                int dc = coef[c] << PASS1_BITS;
                ws[c] = dc;
                ws[8 + c] = dc;
                continue;
            }
            long tmp10 = (long) coef[c] << (CONST_BITS + 2);
            long tmp0 = (long) coef[56 + c] * -FIX_0_720959822 + (long) coef[40 + c] * FIX_0_850430095
                    + (long) coef[24 + c] * -FIX_1_272758580 + (long) coef[8 + c] * FIX_3_624509785;
            final int s = CONST_BITS - PASS1_BITS + 2;
            final long r = 1L << (s - 1);
            ws[c] = (int) ((tmp10 + tmp0 + r) >> s);
            ws[8 + c] = (int) ((tmp10 - tmp0 + r) >> s);
        }
        byte[] limit = SampleRangeLimit.TABLE;
        final int s = CONST_BITS + PASS1_BITS + 3 + 2;
        final long r = 1L << (s - 1);
        for (int row = 0; row < 16; row += 8, offset += stride) {
            if (ws[row + 1] == 0 && ws[row + 3] == 0 && ws[row + 5] == 0 && ws[row + 7] == 0) {
                byte dc = limit[(int) (((long) ws[row] + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023];
                out[offset] = dc;
                out[offset + 1] = dc;
                continue;
            }
            long tmp10 = (long) ws[row] << (CONST_BITS + 2);
            long tmp0 = (long) ws[row + 7] * -FIX_0_720959822 + (long) ws[row + 5] * FIX_0_850430095
                    + (long) ws[row + 3] * -FIX_1_272758580 + (long) ws[row + 1] * FIX_3_624509785;
            out[offset] = limit[(int) ((tmp10 + tmp0 + r) >> s) & 1023];
            out[offset + 1] = limit[(int) ((tmp10 - tmp0 + r) >> s) & 1023];
        }
    }

    /** One block of dequantized coefficients to its single DC sample. Arguments as {@link IslowIdct#transform}. */
    static void transform1x1(int[] coef, byte[] out, int offset) {
        int dc = coef[0];
        out[offset] = SampleRangeLimit.TABLE[((dc + 4) >> 3) & 1023];
    }
}
