package io.trt4j.image.internal.jpeg;

import static io.trt4j.image.internal.jpeg.LibjpegFixed.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 8x8 inverse DCT of libjpeg 6b's {@code jidctint.c} (JDCT_ISLOW, the JDK's and libjpeg's default): the
 * Loeffler-Ligtenberg-Moschytz algorithm in fixed point with {@code CONST_BITS = 13}, {@code PASS1_BITS = 2},
 * round-half-up descaling; libjpeg's all-zero column and row shortcuts are not taken (they give exactly the full
 * computation's result). The caller dequantizes (libjpeg multiplies on input; the product is the same 32-bit value). Output goes
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
     * @param columns how many leading columns may hold non-zero coefficients (1..8; the others must be all zero):
     *               all-zero columns transform to zero, so they are not computed
     * @return 0 if every dequantized coefficient and first-pass value fits in 16 bits and every output lies within
     *         +/-512 before range limiting; else non-zero: libjpeg implementations disagree there (the C code wraps,
     *         the SIMD code of libjpeg-turbo saturates), which only corrupt or extreme data reaches
     */
    static int transform(int[] coef, byte[] out, int offset, int stride, int[] ws, int columns) {
        int inCheck = 0;
        for (int i = 0; i < 64; i++) {
            inCheck |= coef[i] + NARROW_LIMIT;
        }
        if ((inCheck & -2 * NARROW_LIMIT) != 0) {
            return transformWide(coef, out, offset, stride, ws);
        }
        columnsNarrow(coef, ws, columns);
        return rowsNarrow(ws, out, offset, stride);
    }

    /**
     * Pass 1 for coefficients of magnitude below {@link #NARROW_LIMIT}: every intermediate of the column pass is a
     * linear form whose worst case then stays below 2^29, so {@code int} arithmetic gives libjpeg's 64-bit values
     * exactly. No shortcut (an all-zero AC column gives the shortcut's value anyway) and no branch: a plain loop over
     * the first {@code columns} columns; the workspace of the others (all-zero columns) is zero.
     */
    private static void columnsNarrow(int[] coef, int[] ws, int columns) {
        for (int c = columns; c < 8; c++) {
            for (int i = c; i < 64; i += 8) {
                ws[i] = 0;
            }
        }
        for (int c = 0; c < columns; c++) {
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
            if ((w1 | w2 | w3 | w4 | w5 | w6 | w7) == 0) { // libjpeg's shortcut: the same value, 8 times
                int v = (w0 + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3);
                outCheck |= v + 512;
                LITTLE_ENDIAN_LONG.set(out, offset, (limit[v & 1023] & 0xFFL) * BYTE_SPLAT);
                continue;
            }
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

    /**
     * The 64-bit path, for blocks with a dequantized coefficient beyond +/-8191 (only corrupt or extreme data): both
     * passes are {@link #idct1d} in {@code long}, as the JDK's libjpeg computes them.
     */
    static int transformWide(int[] coef, byte[] out, int offset, int stride, int[] ws) {
        for (int c = 0; c < 8; c++) {
            idct1d(coef, c, 8, CONST_BITS - PASS1_BITS, ws, c, 8);
        }
        int wsCheck = 0; // dequantized and pass-1 values, biased by 2^15: must stay within 16 bits
        for (int i = 0; i < 64; i++) {
            wsCheck |= (coef[i] + 32768) | (ws[i] + 32768);
        }
        int outCheck = 0; // pass-2 results, biased by 512: must stay within 10 bits
        int[] v = new int[8];
        byte[] limit = SampleRangeLimit.TABLE;
        for (int row = 0; row < 64; row += 8, offset += stride) {
            idct1d(ws, row, 1, CONST_BITS + PASS1_BITS + 3, v, 0, 1);
            long packed = 0;
            for (int k = 0; k < 8; k++) {
                packed |= (limit[v[k] & 1023] & 0xFFL) << (8 * k);
                outCheck |= v[k] + 512;
            }
            LITTLE_ENDIAN_LONG.set(out, offset, packed);
        }
        return (wsCheck & ~0xFFFF) | (outCheck & ~1023);
    }

    /**
     * One 1-D pass of {@code jidctint.c} in 64-bit arithmetic ({@code INT32} is a C {@code long} there): the 8 values
     * {@code src[srcOffset + k * srcStep]} to {@code dst[dstOffset + k * dstStep]}, each descaled by {@code shift}
     * with rounding and cast to {@code int} as libjpeg stores them. libjpeg's all-zero shortcuts are left out: they
     * give the same values.
     */
    private static void idct1d(int[] src, int srcOffset, int srcStep, int shift, int[] dst, int dstOffset,
            int dstStep) {
        long d0 = src[srcOffset];
        long d1 = src[srcOffset + srcStep];
        long d2 = src[srcOffset + 2 * srcStep];
        long d3 = src[srcOffset + 3 * srcStep];
        long d4 = src[srcOffset + 4 * srcStep];
        long d5 = src[srcOffset + 5 * srcStep];
        long d6 = src[srcOffset + 6 * srcStep];
        long d7 = src[srcOffset + 7 * srcStep];
        long z1 = (d2 + d6) * FIX_0_541196100;
        long tmp2 = z1 + d6 * -FIX_1_847759065;
        long tmp3 = z1 + d2 * FIX_0_765366865;
        long tmp0 = (d0 + d4) << CONST_BITS;
        long tmp1 = (d0 - d4) << CONST_BITS;
        long tmp10 = tmp0 + tmp3;
        long tmp13 = tmp0 - tmp3;
        long tmp11 = tmp1 + tmp2;
        long tmp12 = tmp1 - tmp2;

        long o1 = d7 + d1;
        long o2 = d5 + d3;
        long o3 = d7 + d3;
        long o4 = d5 + d1;
        long z5 = (o3 + o4) * FIX_1_175875602;
        o1 *= -FIX_0_899976223;
        o2 *= -FIX_2_562915447;
        o3 = o3 * -FIX_1_961570560 + z5;
        o4 = o4 * -FIX_0_390180644 + z5;
        long e0 = d7 * FIX_0_298631336 + o1 + o3;
        long e1 = d5 * FIX_2_053119869 + o2 + o4;
        long e2 = d3 * FIX_3_072711026 + o2 + o3;
        long e3 = d1 * FIX_1_501321110 + o1 + o4;

        long r = 1L << (shift - 1);
        dst[dstOffset] = (int) ((tmp10 + e3 + r) >> shift);
        dst[dstOffset + 7 * dstStep] = (int) ((tmp10 - e3 + r) >> shift);
        dst[dstOffset + dstStep] = (int) ((tmp11 + e2 + r) >> shift);
        dst[dstOffset + 6 * dstStep] = (int) ((tmp11 - e2 + r) >> shift);
        dst[dstOffset + 2 * dstStep] = (int) ((tmp12 + e1 + r) >> shift);
        dst[dstOffset + 5 * dstStep] = (int) ((tmp12 - e1 + r) >> shift);
        dst[dstOffset + 3 * dstStep] = (int) ((tmp13 + e0 + r) >> shift);
        dst[dstOffset + 4 * dstStep] = (int) ((tmp13 - e0 + r) >> shift);
    }
}
