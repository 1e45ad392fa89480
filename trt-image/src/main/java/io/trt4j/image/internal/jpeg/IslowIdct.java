package io.trt4j.image.internal.jpeg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 8x8 inverse DCT of libjpeg 6b's {@code jidctint.c} (JDCT_ISLOW, the JDK's and libjpeg's default): the
 * Loeffler-Ligtenberg-Moschytz algorithm in fixed point with {@code CONST_BITS = 13}, {@code PASS1_BITS = 2},
 * round-half-up descaling and the same all-zero column and row shortcuts (which give exactly the full computation's
 * result). The caller dequantizes (libjpeg multiplies on input; the product is the same 32-bit value). Output goes
 * through {@link SampleRangeLimit}.
 *
 * <p>Integer widths follow the JDK's 64-bit build of libjpeg, where {@code INT32} is a C {@code long}: products and
 * sums are 64-bit ({@code long} here), dequantized coefficients and the workspace are 32-bit {@code int}. Valid
 * data never comes near either limit; corrupt data (huge accumulated DC values) then still decodes to the JDK's
 * bytes. Blocks whose dequantized coefficients all lie within -8192..8191 (all blocks of valid 8-bit data) take a
 * column pass in 32-bit arithmetic, which provably cannot overflow there and so gives the same values.
 *
 * <p>Thread-safety: stateless; the caller supplies the workspace.
 */
final class IslowIdct {
    /** Dequantized coefficients in (-NARROW_LIMIT, NARROW_LIMIT) take the 32-bit column pass. */
    private static final int NARROW_LIMIT = 1 << 13;
    private static final VarHandle LITTLE_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long BYTE_SPLAT = 0x0101010101010101L;
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
     * @param coef   64 dequantized coefficients (quantized value times quantization step, in {@code int}) in natural
     *               (row-major) order
     * @param out    destination samples (unsigned bytes 0..255), 8 rows of 8
     * @param offset index of the block's top-left sample in {@code out}
     * @param stride distance between rows in {@code out}
     * @param ws     workspace of at least 64 ints
     * @return 0 if every dequantized coefficient and first-pass value fits in 16 bits and every output lies within
     *         +/-512 before range limiting; else non-zero: libjpeg implementations disagree there (the C code wraps,
     *         the SIMD code of libjpeg-turbo saturates), which only corrupt or extreme data reaches
     */
    static int transform(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        int inCheck = 0;
        for (int i = 0; i < 64; i++) {
            inCheck |= coef[i] + NARROW_LIMIT;
        }
        if ((inCheck & -2 * NARROW_LIMIT) != 0) {
            return transformWide(coef, out, offset, stride, ws);
        }
        columnsNarrow(coef, ws);
        return rowsNarrow(ws, out, offset, stride);
    }

    /**
     * Pass 1 for coefficients of magnitude below {@link #NARROW_LIMIT}: every intermediate of the column pass is a
     * linear form whose worst case then stays below 2^29, so {@code int} arithmetic gives libjpeg's 64-bit values
     * exactly. No shortcut (an all-zero AC column gives the shortcut's value anyway) and no branch: a plain loop over
     * the 8 columns.
     */
    private static void columnsNarrow(int[] coef, int[] ws) {
        for (int c = 0; c < 8; c++) {
            int d0 = coef[c];
            int d1 = coef[8 + c];
            int d2 = coef[16 + c];
            int d3 = coef[24 + c];
            int d4 = coef[32 + c];
            int d5 = coef[40 + c];
            int d6 = coef[48 + c];
            int d7 = coef[56 + c];
            int z1 = (d2 + d6) * FIX_0_541196100;
            int tmp2 = z1 + d6 * -FIX_1_847759065;
            int tmp3 = z1 + d2 * FIX_0_765366865;
            int tmp0 = (d0 + d4) << CONST_BITS;
            int tmp1 = (d0 - d4) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            int o1 = d7 + d1;
            int o2 = d5 + d3;
            int o3 = d7 + d3;
            int o4 = d5 + d1;
            int z5 = (o3 + o4) * FIX_1_175875602;
            o1 *= -FIX_0_899976223;
            o2 *= -FIX_2_562915447;
            o3 = o3 * -FIX_1_961570560 + z5;
            o4 = o4 * -FIX_0_390180644 + z5;
            int e0 = d7 * FIX_0_298631336 + o1 + o3;
            int e1 = d5 * FIX_2_053119869 + o2 + o4;
            int e2 = d3 * FIX_3_072711026 + o2 + o3;
            int e3 = d1 * FIX_1_501321110 + o1 + o4;

            final int r = 1 << (CONST_BITS - PASS1_BITS - 1);
            final int s = CONST_BITS - PASS1_BITS;
            ws[c] = (tmp10 + e3 + r) >> s;
            ws[56 + c] = (tmp10 - e3 + r) >> s;
            ws[8 + c] = (tmp11 + e2 + r) >> s;
            ws[48 + c] = (tmp11 - e2 + r) >> s;
            ws[16 + c] = (tmp12 + e1 + r) >> s;
            ws[40 + c] = (tmp12 - e1 + r) >> s;
            ws[24 + c] = (tmp13 + e0 + r) >> s;
            ws[32 + c] = (tmp13 - e0 + r) >> s;
        }
    }

    /**
     * Pass 2 after {@link #columnsNarrow}, in 32-bit arithmetic without shortcuts: for workspace values within 16
     * bits every intermediate stays below 2^31 (the column pass's linear forms, scaled by 4, plus the rounding
     * constant), so the result is libjpeg's; workspace values beyond 16 bits are reported (the block is then
     * rejected), whatever the samples.
     */
    private static int rowsNarrow(int[] ws, byte[] out, int offset, int stride) {
        int wsCheck = 0;
        int outCheck = 0;
        byte[] limit = SampleRangeLimit.TABLE;
        final int s = CONST_BITS + PASS1_BITS + 3;
        final int r = 1 << (s - 1);
        for (int row = 0; row < 64; row += 8, offset += stride) {
            int w0 = ws[row];
            int w1 = ws[row + 1];
            int w2 = ws[row + 2];
            int w3 = ws[row + 3];
            int w4 = ws[row + 4];
            int w5 = ws[row + 5];
            int w6 = ws[row + 6];
            int w7 = ws[row + 7];
            wsCheck |= (w0 + 32768) | (w1 + 32768) | (w2 + 32768) | (w3 + 32768) | (w4 + 32768) | (w5 + 32768)
                    | (w6 + 32768) | (w7 + 32768);
            int z1 = (w2 + w6) * FIX_0_541196100;
            int tmp2 = z1 + w6 * -FIX_1_847759065;
            int tmp3 = z1 + w2 * FIX_0_765366865;
            int tmp0 = (w0 + w4) << CONST_BITS;
            int tmp1 = (w0 - w4) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            int o1 = w7 + w1;
            int o2 = w5 + w3;
            int o3 = w7 + w3;
            int o4 = w5 + w1;
            int z5 = (o3 + o4) * FIX_1_175875602;
            o1 *= -FIX_0_899976223;
            o2 *= -FIX_2_562915447;
            o3 = o3 * -FIX_1_961570560 + z5;
            o4 = o4 * -FIX_0_390180644 + z5;
            int e0 = w7 * FIX_0_298631336 + o1 + o3;
            int e1 = w5 * FIX_2_053119869 + o2 + o4;
            int e2 = w3 * FIX_3_072711026 + o2 + o3;
            int e3 = w1 * FIX_1_501321110 + o1 + o4;

            int v0 = (tmp10 + e3 + r) >> s;
            int v7 = (tmp10 - e3 + r) >> s;
            int v1 = (tmp11 + e2 + r) >> s;
            int v6 = (tmp11 - e2 + r) >> s;
            int v2 = (tmp12 + e1 + r) >> s;
            int v5 = (tmp12 - e1 + r) >> s;
            int v3 = (tmp13 + e0 + r) >> s;
            int v4 = (tmp13 - e0 + r) >> s;
            long packed = (limit[v0 & 1023] & 0xFFL)
                    | (limit[v1 & 1023] & 0xFFL) << 8
                    | (limit[v2 & 1023] & 0xFFL) << 16
                    | (limit[v3 & 1023] & 0xFFL) << 24
                    | (limit[v4 & 1023] & 0xFFL) << 32
                    | (limit[v5 & 1023] & 0xFFL) << 40
                    | (limit[v6 & 1023] & 0xFFL) << 48
                    | (long) limit[v7 & 1023] << 56;
            LITTLE_ENDIAN_LONG.set(out, offset, packed);
            outCheck |= (v0 + 512) | (v1 + 512) | (v2 + 512) | (v3 + 512) | (v4 + 512) | (v5 + 512) | (v6 + 512)
                    | (v7 + 512);
        }
        return (wsCheck & ~0xFFFF) | (outCheck & ~1023);
    }

    static int transformWide(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        int wsCheck = 0; // dequantized and pass-1 values, biased by 2^15: must stay within 16 bits
        for (int c = 0; c < 8; c++) {
            int d0 = coef[c];
            int d1 = coef[8 + c];
            int d2 = coef[16 + c];
            int d3 = coef[24 + c];
            int d4 = coef[32 + c];
            int d5 = coef[40 + c];
            int d6 = coef[48 + c];
            int d7 = coef[56 + c];
            if ((d1 | d2 | d3 | d4 | d5 | d6 | d7) == 0) {
                int dc = d0 << PASS1_BITS;
                wsCheck |= (d0 + 32768) | (dc + 32768);
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
            wsCheck |= (d0 + 32768) | (d1 + 32768) | (d2 + 32768) | (d3 + 32768) | (d4 + 32768) | (d5 + 32768)
                    | (d6 + 32768) | (d7 + 32768);
            long z2 = d2;
            long z3 = d6;
            long z1 = (z2 + z3) * FIX_0_541196100;
            long tmp2 = z1 + z3 * -FIX_1_847759065;
            long tmp3 = z1 + z2 * FIX_0_765366865;
            long tmp0 = ((long) d0 + d4) << CONST_BITS;
            long tmp1 = ((long) d0 - d4) << CONST_BITS;
            long tmp10 = tmp0 + tmp3;
            long tmp13 = tmp0 - tmp3;
            long tmp11 = tmp1 + tmp2;
            long tmp12 = tmp1 - tmp2;

            tmp0 = d7;
            tmp1 = d5;
            tmp2 = d3;
            tmp3 = d1;
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
            int w0 = (int) ((tmp10 + tmp3 + r) >> s);
            int w7 = (int) ((tmp10 - tmp3 + r) >> s);
            int w1 = (int) ((tmp11 + tmp2 + r) >> s);
            int w6 = (int) ((tmp11 - tmp2 + r) >> s);
            int w2 = (int) ((tmp12 + tmp1 + r) >> s);
            int w5 = (int) ((tmp12 - tmp1 + r) >> s);
            int w3 = (int) ((tmp13 + tmp0 + r) >> s);
            int w4 = (int) ((tmp13 - tmp0 + r) >> s);
            ws[c] = w0;
            ws[8 + c] = w1;
            ws[16 + c] = w2;
            ws[24 + c] = w3;
            ws[32 + c] = w4;
            ws[40 + c] = w5;
            ws[48 + c] = w6;
            ws[56 + c] = w7;
            wsCheck |= (w0 + 32768) | (w1 + 32768) | (w2 + 32768) | (w3 + 32768) | (w4 + 32768) | (w5 + 32768)
                    | (w6 + 32768) | (w7 + 32768);
        }
        return rowsPass(ws, out, offset, stride, wsCheck);
    }

    /**
     * Pass 2 (rows) from the workspace into 8 rows of output samples; checks the workspace values (16 bits) and the
     * results (+/-512) on the way and returns the range report of {@link #transform}, {@code wsCheck} included.
     */
    private static int rowsPass(int[] ws, byte[] out, int offset, int stride, int wsCheck) {
        int outCheck = 0; // pass-2 results, biased by 512: must stay within 10 bits
        byte[] limit = SampleRangeLimit.TABLE;
        final int s = CONST_BITS + PASS1_BITS + 3;
        final long r = 1L << (s - 1);
        for (int row = 0; row < 64; row += 8, offset += stride) {
            int w0 = ws[row];
            int w1 = ws[row + 1];
            int w2 = ws[row + 2];
            int w3 = ws[row + 3];
            int w4 = ws[row + 4];
            int w5 = ws[row + 5];
            int w6 = ws[row + 6];
            int w7 = ws[row + 7];
            wsCheck |= (w0 + 32768) | (w1 + 32768) | (w2 + 32768) | (w3 + 32768) | (w4 + 32768) | (w5 + 32768)
                    | (w6 + 32768) | (w7 + 32768);
            if ((w1 | w2 | w3 | w4 | w5 | w6 | w7) == 0) {
                int v = (int) (((long) w0 + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3));
                outCheck |= v + 512;
                LITTLE_ENDIAN_LONG.set(out, offset, (limit[v & 1023] & 0xFFL) * BYTE_SPLAT);
                continue;
            }
            long z2 = w2;
            long z3 = w6;
            long z1 = (z2 + z3) * FIX_0_541196100;
            long tmp2 = z1 + z3 * -FIX_1_847759065;
            long tmp3 = z1 + z2 * FIX_0_765366865;
            long tmp0 = ((long) w0 + w4) << CONST_BITS;
            long tmp1 = ((long) w0 - w4) << CONST_BITS;
            long tmp10 = tmp0 + tmp3;
            long tmp13 = tmp0 - tmp3;
            long tmp11 = tmp1 + tmp2;
            long tmp12 = tmp1 - tmp2;

            tmp0 = w7;
            tmp1 = w5;
            tmp2 = w3;
            tmp3 = w1;
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
            int v7 = (int) ((tmp10 - tmp3 + r) >> s);
            int v1 = (int) ((tmp11 + tmp2 + r) >> s);
            int v6 = (int) ((tmp11 - tmp2 + r) >> s);
            int v2 = (int) ((tmp12 + tmp1 + r) >> s);
            int v5 = (int) ((tmp12 - tmp1 + r) >> s);
            int v3 = (int) ((tmp13 + tmp0 + r) >> s);
            int v4 = (int) ((tmp13 - tmp0 + r) >> s);
            long packed = (limit[v0 & 1023] & 0xFFL)
                    | (limit[v1 & 1023] & 0xFFL) << 8
                    | (limit[v2 & 1023] & 0xFFL) << 16
                    | (limit[v3 & 1023] & 0xFFL) << 24
                    | (limit[v4 & 1023] & 0xFFL) << 32
                    | (limit[v5 & 1023] & 0xFFL) << 40
                    | (limit[v6 & 1023] & 0xFFL) << 48
                    | (long) limit[v7 & 1023] << 56;
            LITTLE_ENDIAN_LONG.set(out, offset, packed);
            outCheck |= (v0 + 512) | (v1 + 512) | (v2 + 512) | (v3 + 512) | (v4 + 512) | (v5 + 512) | (v6 + 512)
                    | (v7 + 512);
        }
        return (wsCheck & ~0xFFFF) | (outCheck & ~1023);
    }

    /**
     * {@link #transform} for a block whose non-zero coefficients all lie in the top-left 4x4 (rows and columns
     * 0..3, e.g. every block that ends within the first 10 in zigzag order): the same arithmetic with the zero
     * terms dropped, so the same result and the same range report.
     */
    static int transformTopLeft(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        int wsCheck = 0; // dequantized and pass-1 values, biased by 2^15: must stay within 16 bits
        int outCheck = 0; // pass-2 results, biased by 512: must stay within 10 bits
        for (int c = 0; c < 4; c++) { // columns 4..7 are all zero: their workspace values too
            int d0 = coef[c];
            int d1 = coef[8 + c];
            int d2 = coef[16 + c];
            int d3 = coef[24 + c];
            final int d4 = 0;
            final int d5 = 0;
            final int d6 = 0;
            final int d7 = 0;
            if ((d1 | d2 | d3 | d4 | d5 | d6 | d7) == 0) {
                int dc = d0 << PASS1_BITS;
                wsCheck |= (d0 + 32768) | (dc + 32768);
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
            wsCheck |= (d0 + 32768) | (d1 + 32768) | (d2 + 32768) | (d3 + 32768) | (d4 + 32768) | (d5 + 32768)
                    | (d6 + 32768) | (d7 + 32768);
            long z2 = d2;
            long z3 = d6;
            long z1 = (z2 + z3) * FIX_0_541196100;
            long tmp2 = z1 + z3 * -FIX_1_847759065;
            long tmp3 = z1 + z2 * FIX_0_765366865;
            long tmp0 = ((long) d0 + d4) << CONST_BITS;
            long tmp1 = ((long) d0 - d4) << CONST_BITS;
            long tmp10 = tmp0 + tmp3;
            long tmp13 = tmp0 - tmp3;
            long tmp11 = tmp1 + tmp2;
            long tmp12 = tmp1 - tmp2;

            tmp0 = d7;
            tmp1 = d5;
            tmp2 = d3;
            tmp3 = d1;
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
            int w0 = (int) ((tmp10 + tmp3 + r) >> s);
            int w7 = (int) ((tmp10 - tmp3 + r) >> s);
            int w1 = (int) ((tmp11 + tmp2 + r) >> s);
            int w6 = (int) ((tmp11 - tmp2 + r) >> s);
            int w2 = (int) ((tmp12 + tmp1 + r) >> s);
            int w5 = (int) ((tmp12 - tmp1 + r) >> s);
            int w3 = (int) ((tmp13 + tmp0 + r) >> s);
            int w4 = (int) ((tmp13 - tmp0 + r) >> s);
            ws[c] = w0;
            ws[8 + c] = w1;
            ws[16 + c] = w2;
            ws[24 + c] = w3;
            ws[32 + c] = w4;
            ws[40 + c] = w5;
            ws[48 + c] = w6;
            ws[56 + c] = w7;
            wsCheck |= (w0 + 32768) | (w1 + 32768) | (w2 + 32768) | (w3 + 32768) | (w4 + 32768) | (w5 + 32768)
                    | (w6 + 32768) | (w7 + 32768);
        }
        byte[] limit = SampleRangeLimit.TABLE;
        final int s = CONST_BITS + PASS1_BITS + 3;
        final long r = 1L << (s - 1);
        for (int row = 0; row < 64; row += 8, offset += stride) {
            int w0 = ws[row];
            int w1 = ws[row + 1];
            int w2 = ws[row + 2];
            int w3 = ws[row + 3];
            final int w4 = 0;
            final int w5 = 0;
            final int w6 = 0;
            final int w7 = 0;
            if ((w1 | w2 | w3 | w4 | w5 | w6 | w7) == 0) {
                int v = (int) (((long) w0 + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3));
                outCheck |= v + 512;
                LITTLE_ENDIAN_LONG.set(out, offset, (limit[v & 1023] & 0xFFL) * BYTE_SPLAT);
                continue;
            }
            long z2 = w2;
            long z3 = w6;
            long z1 = (z2 + z3) * FIX_0_541196100;
            long tmp2 = z1 + z3 * -FIX_1_847759065;
            long tmp3 = z1 + z2 * FIX_0_765366865;
            long tmp0 = ((long) w0 + w4) << CONST_BITS;
            long tmp1 = ((long) w0 - w4) << CONST_BITS;
            long tmp10 = tmp0 + tmp3;
            long tmp13 = tmp0 - tmp3;
            long tmp11 = tmp1 + tmp2;
            long tmp12 = tmp1 - tmp2;

            tmp0 = w7;
            tmp1 = w5;
            tmp2 = w3;
            tmp3 = w1;
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
            int v7 = (int) ((tmp10 - tmp3 + r) >> s);
            int v1 = (int) ((tmp11 + tmp2 + r) >> s);
            int v6 = (int) ((tmp11 - tmp2 + r) >> s);
            int v2 = (int) ((tmp12 + tmp1 + r) >> s);
            int v5 = (int) ((tmp12 - tmp1 + r) >> s);
            int v3 = (int) ((tmp13 + tmp0 + r) >> s);
            int v4 = (int) ((tmp13 - tmp0 + r) >> s);
            long packed = (limit[v0 & 1023] & 0xFFL)
                    | (limit[v1 & 1023] & 0xFFL) << 8
                    | (limit[v2 & 1023] & 0xFFL) << 16
                    | (limit[v3 & 1023] & 0xFFL) << 24
                    | (limit[v4 & 1023] & 0xFFL) << 32
                    | (limit[v5 & 1023] & 0xFFL) << 40
                    | (limit[v6 & 1023] & 0xFFL) << 48
                    | (long) limit[v7 & 1023] << 56;
            LITTLE_ENDIAN_LONG.set(out, offset, packed);
            outCheck |= (v0 + 512) | (v1 + 512) | (v2 + 512) | (v3 + 512) | (v4 + 512) | (v5 + 512) | (v6 + 512)
                    | (v7 + 512);
        }
        return (wsCheck & ~0xFFFF) | (outCheck & ~1023);
    }
}
