package io.trt4j.image.internal.jpeg;

/**
 * The 8x8 inverse DCT of libjpeg 6b's {@code jidctint.c} (JDCT_ISLOW, the JDK's and libjpeg's default): the
 * Loeffler-Ligtenberg-Moschytz algorithm in fixed point with {@code CONST_BITS = 13}, {@code PASS1_BITS = 2},
 * round-half-up descaling, dequantization on input, and the same all-zero column and row shortcuts (which give
 * exactly the full computation's result). Output goes through {@link SampleRangeLimit}.
 *
 * <p>Integer widths follow the JDK's 64-bit build of libjpeg, where {@code INT32} is a C {@code long}: products and
 * sums are 64-bit ({@code long} here), dequantized coefficients and the workspace are 32-bit {@code int}. Valid
 * data never comes near either limit; corrupt data (huge accumulated DC values) then still decodes to the JDK's
 * bytes.
 *
 * <p>Thread-safety: stateless; the caller supplies the workspace.
 */
final class IslowIdct {
    private static final int CONST_BITS = 13;
    private static final int PASS1_BITS = 2;
    private static final int FIX_0_298631336 = 2446;
    private static final int FIX_0_390180644 = 3196;
    private static final int FIX_0_541196100 = 4433;
    private static final int FIX_0_765366865 = 6270;
    private static final int FIX_0_899976223 = 7373;
    private static final int FIX_1_175875602 = 9633;
    private static final int FIX_1_501321110 = 12299;
    private static final int FIX_1_847759065 = 15137;
    private static final int FIX_1_961570560 = 16069;
    private static final int FIX_2_053119869 = 16819;
    private static final int FIX_2_562915447 = 20995;
    private static final int FIX_3_072711026 = 25172;

    private IslowIdct() {
    }

    /**
     * Inverse-transforms one block.
     *
     * @param coef   64 quantized coefficients in natural (row-major) order, each a signed 16-bit value
     * @param quant  64 quantization steps in natural order
     * @param out    destination samples (unsigned bytes 0..255), 8 rows of 8
     * @param offset index of the block's top-left sample in {@code out}
     * @param stride distance between rows in {@code out}
     * @param ws     workspace of at least 64 ints
     * @return 0 if every dequantized coefficient and first-pass value fits in 16 bits and every output lies within
     *         +/-512 before range limiting; else non-zero: libjpeg implementations disagree there (the C code wraps,
     *         the SIMD code of libjpeg-turbo saturates), which only corrupt or extreme data reaches
     */
    static int transform(int[] coef, int[] quant, byte[] out, int offset, int stride, int[] ws) {
        int wsCheck = 0; // dequantized and pass-1 values, biased by 2^15: must stay within 16 bits
        int outCheck = 0; // pass-2 results, biased by 512: must stay within 10 bits
        for (int c = 0; c < 8; c++) {
            if (coef[8 + c] == 0 && coef[16 + c] == 0 && coef[24 + c] == 0 && coef[32 + c] == 0
                    && coef[40 + c] == 0 && coef[48 + c] == 0 && coef[56 + c] == 0) {
                int dc = (coef[c] * quant[c]) << PASS1_BITS;
                wsCheck |= dc + 32768;
                ws[c] = dc;
                ws[8 + c] = dc;
                ws[16 + c] = dc;
                ws[24 + c] = dc;
                ws[32 + c] = dc;
                ws[40 + c] = dc;
                ws[48 + c] = dc;
                ws[56 + c] = dc;
                continue;
            }
            long z2 = coef[16 + c] * quant[16 + c]; // dequantize in int, then INT32
            long z3 = coef[48 + c] * quant[48 + c];
            long z1 = (z2 + z3) * FIX_0_541196100;
            long tmp2 = z1 + z3 * -FIX_1_847759065;
            long tmp3 = z1 + z2 * FIX_0_765366865;
            z2 = coef[c] * quant[c];
            z3 = coef[32 + c] * quant[32 + c];
            long tmp0 = (z2 + z3) << CONST_BITS;
            long tmp1 = (z2 - z3) << CONST_BITS;
            long tmp10 = tmp0 + tmp3;
            long tmp13 = tmp0 - tmp3;
            long tmp11 = tmp1 + tmp2;
            long tmp12 = tmp1 - tmp2;

            tmp0 = coef[56 + c] * quant[56 + c];
            tmp1 = coef[40 + c] * quant[40 + c];
            tmp2 = coef[24 + c] * quant[24 + c];
            tmp3 = coef[8 + c] * quant[8 + c];
            wsCheck |= (int) (tmp0 + 32768) | (int) (tmp1 + 32768) | (int) (tmp2 + 32768) | (int) (tmp3 + 32768)
                    | (coef[c] * quant[c] + 32768) | (coef[16 + c] * quant[16 + c] + 32768)
                    | (coef[32 + c] * quant[32 + c] + 32768) | (coef[48 + c] * quant[48 + c] + 32768);
            z1 = tmp0 + tmp3;
            z2 = tmp1 + tmp2;
            z3 = tmp0 + tmp2;
            long z4 = tmp1 + tmp3;
            long z5 = (z3 + z4) * FIX_1_175875602;
            tmp0 *= FIX_0_298631336;
            tmp1 *= FIX_2_053119869;
            tmp2 *= FIX_3_072711026;
            tmp3 *= FIX_1_501321110;
            z1 *= -FIX_0_899976223;
            z2 *= -FIX_2_562915447;
            z3 *= -FIX_1_961570560;
            z4 *= -FIX_0_390180644;
            z3 += z5;
            z4 += z5;
            tmp0 += z1 + z3;
            tmp1 += z2 + z4;
            tmp2 += z2 + z3;
            tmp3 += z1 + z4;

            final long r = 1L << (CONST_BITS - PASS1_BITS - 1);
            final int s = CONST_BITS - PASS1_BITS;
            ws[c] = (int) ((tmp10 + tmp3 + r) >> s);
            ws[56 + c] = (int) ((tmp10 - tmp3 + r) >> s);
            ws[8 + c] = (int) ((tmp11 + tmp2 + r) >> s);
            ws[48 + c] = (int) ((tmp11 - tmp2 + r) >> s);
            ws[16 + c] = (int) ((tmp12 + tmp1 + r) >> s);
            ws[40 + c] = (int) ((tmp12 - tmp1 + r) >> s);
            ws[24 + c] = (int) ((tmp13 + tmp0 + r) >> s);
            ws[32 + c] = (int) ((tmp13 - tmp0 + r) >> s);
            for (int i = c; i < 64; i += 8) {
                wsCheck |= ws[i] + 32768;
            }
        }
        byte[] limit = SampleRangeLimit.TABLE;
        final int s = CONST_BITS + PASS1_BITS + 3;
        final long r = 1L << (s - 1);
        for (int row = 0; row < 64; row += 8, offset += stride) {
            if (ws[row + 1] == 0 && ws[row + 2] == 0 && ws[row + 3] == 0 && ws[row + 4] == 0 && ws[row + 5] == 0
                    && ws[row + 6] == 0 && ws[row + 7] == 0) {
                int v = (int) (((long) ws[row] + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3));
                outCheck |= v + 512;
                byte dc = limit[v & 1023];
                out[offset] = dc;
                out[offset + 1] = dc;
                out[offset + 2] = dc;
                out[offset + 3] = dc;
                out[offset + 4] = dc;
                out[offset + 5] = dc;
                out[offset + 6] = dc;
                out[offset + 7] = dc;
                continue;
            }
            long z2 = ws[row + 2];
            long z3 = ws[row + 6];
            long z1 = (z2 + z3) * FIX_0_541196100;
            long tmp2 = z1 + z3 * -FIX_1_847759065;
            long tmp3 = z1 + z2 * FIX_0_765366865;
            long tmp0 = ((long) ws[row] + ws[row + 4]) << CONST_BITS;
            long tmp1 = ((long) ws[row] - ws[row + 4]) << CONST_BITS;
            long tmp10 = tmp0 + tmp3;
            long tmp13 = tmp0 - tmp3;
            long tmp11 = tmp1 + tmp2;
            long tmp12 = tmp1 - tmp2;

            tmp0 = ws[row + 7];
            tmp1 = ws[row + 5];
            tmp2 = ws[row + 3];
            tmp3 = ws[row + 1];
            z1 = tmp0 + tmp3;
            z2 = tmp1 + tmp2;
            z3 = tmp0 + tmp2;
            long z4 = tmp1 + tmp3;
            long z5 = (z3 + z4) * FIX_1_175875602;
            tmp0 *= FIX_0_298631336;
            tmp1 *= FIX_2_053119869;
            tmp2 *= FIX_3_072711026;
            tmp3 *= FIX_1_501321110;
            z1 *= -FIX_0_899976223;
            z2 *= -FIX_2_562915447;
            z3 *= -FIX_1_961570560;
            z4 *= -FIX_0_390180644;
            z3 += z5;
            z4 += z5;
            tmp0 += z1 + z3;
            tmp1 += z2 + z4;
            tmp2 += z2 + z3;
            tmp3 += z1 + z4;

            int v0 = (int) ((tmp10 + tmp3 + r) >> s);
            out[offset] = limit[v0 & 1023];
            int v7 = (int) ((tmp10 - tmp3 + r) >> s);
            out[offset + 7] = limit[v7 & 1023];
            int v1 = (int) ((tmp11 + tmp2 + r) >> s);
            out[offset + 1] = limit[v1 & 1023];
            int v6 = (int) ((tmp11 - tmp2 + r) >> s);
            out[offset + 6] = limit[v6 & 1023];
            int v2 = (int) ((tmp12 + tmp1 + r) >> s);
            out[offset + 2] = limit[v2 & 1023];
            int v5 = (int) ((tmp12 - tmp1 + r) >> s);
            out[offset + 5] = limit[v5 & 1023];
            int v3 = (int) ((tmp13 + tmp0 + r) >> s);
            out[offset + 3] = limit[v3 & 1023];
            int v4 = (int) ((tmp13 - tmp0 + r) >> s);
            out[offset + 4] = limit[v4 & 1023];
            outCheck |= (v0 + 512) | (v1 + 512) | (v2 + 512) | (v3 + 512) | (v4 + 512) | (v5 + 512) | (v6 + 512)
                    | (v7 + 512);
        }
        return (wsCheck & ~0xFFFF) | (outCheck & ~1023);
    }
}
