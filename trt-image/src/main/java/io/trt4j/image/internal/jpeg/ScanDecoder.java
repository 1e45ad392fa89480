package io.trt4j.image.internal.jpeg;

import io.trt4j.image.internal.ScratchArrays;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Decodes the entropy-coded data of the (single, interleaved) scan as libjpeg 6b's {@code jdhuff.c decode_mcu} and
 * inverse-transforms every block straight into per-component sample planes, at full size (8x8 samples per block) or
 * scaled in the DCT domain as libjpeg-turbo (N x N samples per block, N = 1..7 for scale N/8, and 10, 12, 14 for
 * 4:2:0 chroma at 5/8, 6/8, 7/8), with restart-marker handling.
 *
 * <p>Planes hold unsigned 8-bit samples for whole blocks (the padding blocks that complete the last MCU column and
 * row included): component {@code c}'s plane is {@code planeWidth[c]} samples wide, row-major.
 *
 * <p>Thread-safety: not thread-safe; one instance per decode.
 */
final class ScanDecoder {
    private final byte[] data;
    private final JpegHeader header;
    private final int[] blockSize;
    final byte[][] planes;
    final int[] planeWidth;
    private final int mcusPerLine;
    private final int mcuRows;
    private final int[] block = new int[64];
    /** Between the IDCT passes: 64 ints for sizes up to 8, {@code 8 * size} for the enlarging sizes 10..14. */
    private final int[] workspace = new int[8 * 14];
    /** Zigzag positions 0..9 all lie in the block's top-left 4x4 (so columns 4..7 are zero). */
    private static final int TOP_LEFT_END = 10;
    /** {@code left >>> LOOKUP_SHIFT}: the next {@link HuffmanTable#LOOKUP_BITS} bits of a left-aligned buffer. */
    private static final int LOOKUP_SHIFT = 64 - HuffmanTable.LOOKUP_BITS;
    /** After {@link #decodeBlock}: every coefficient it set has a zigzag index below this. */
    private int coefficientEnd;
    /** Set when a block's runs went past coefficient 63 (corrupt data; checked at the end of the MCU row). */
    private boolean coefficientOverflow;
    /** Nonzero when an IDCT met values outside the range where libjpeg builds agree (checked at the row's end). */
    private int rangeFlags;
    /** The reader of {@link #decode}'s scan, for {@link #decodeBlock}. */
    private EntropyReader reader;
    /** The MCU row being decoded, for error messages. */
    private int currentRow;
    /**
     * Full-size blocks take {@link VectorIslowIdct}, 7x7..4x4 blocks {@link VectorScaledIdct}: decided once, in the
     * constructor; always false where not {@link VectorKernels#ENABLED}.
     */
    private final boolean vector;
    /** Where the planes and the destuffed entropy data come from; null for new arrays. */
    private final ScratchArrays scratch;

    /**
     * @param blockSize per component, the samples per block side after the IDCT (libjpeg's {@code DCT_scaled_size}):
     *                  1..8, 10, 12 or 14
     */
    ScanDecoder(byte[] data, JpegHeader header, int[] blockSize) {
        this(data, header, blockSize, true, null);
    }

    /**
     * @param blockSize per component, as above
     * @param vector    false to keep the scalar IDCTs even where the Vector API ones are enabled (tests compare the
     *                  two); true uses them where {@link VectorKernels#ENABLED}
     * @param scratch   where the component planes (every sample of them is written) and the destuffed entropy data
     *                  come from, or null for new arrays; the latter goes back at the end of {@link #decode}
     */
    ScanDecoder(byte[] data, JpegHeader header, int[] blockSize, boolean vector, ScratchArrays scratch) {
        this.vector = VectorKernels.ENABLED && vector;
        this.scratch = scratch;
        this.data = data;
        this.header = header;
        this.blockSize = blockSize;
        JpegHeader.Component[] comps = header.components;
        int mcuW = 8 * header.maxH;
        int mcuH = 8 * header.maxV;
        mcusPerLine = (header.width() + mcuW - 1) / mcuW;
        mcuRows = (header.height() + mcuH - 1) / mcuH;
        planes = new byte[comps.length][];
        planeWidth = new int[comps.length];
        for (int c = 0; c < comps.length; c++) {
            planeWidth[c] = mcusPerLine * comps[c].h() * blockSize[c];
            int size = Math.multiplyExact(planeWidth[c], mcuRows * comps[c].v() * blockSize[c]);
            planes[c] = scratch == null ? new byte[size] : scratch.bytesAtLeast(size); // rows by planeWidth
        }
    }

    /**
     * Whether this decode runs the Vector API kernels (decided in the constructor); the colour conversion of the
     * same decode follows it ({@link PlaneConverter}).
     */
    boolean vectorKernels() {
        return vector;
    }

    /** Told after each MCU row of the scan has been decoded into the planes. */
    @FunctionalInterface
    interface RowListener {
        /** @param mcuRowsDone MCU rows complete in the planes so far (1..mcuRows) */
        void decoded(int mcuRowsDone);
    }

    /** Decodes the whole scan; afterwards {@link #planes} hold the samples. */
    void decode() throws CorruptJpegException, UnsupportedJpegException {
        decode(done -> { });
    }

    /**
     * Decodes the whole scan, telling {@code listener} after each MCU row (after that row's checks passed);
     * afterwards {@link #planes} hold the samples.
     */
    void decode(RowListener listener) throws CorruptJpegException, UnsupportedJpegException {
        if (VectorKernels.ENABLED && vector) { // the IDCT branches' test: without the module C2 folds this away
            VectorKernels.countVectorDecode();
        }
        EntropySegments segments = EntropySegments.read(data, header.scanStart, scratch);
        try {
            decodeSegments(new EntropyReader(segments), listener);
        } finally {
            segments.giveBack(scratch);
        }
    }

    private void decodeSegments(EntropyReader reader, RowListener listener)
            throws CorruptJpegException, UnsupportedJpegException {
        this.reader = reader;
        JpegHeader.Component[] comps = header.components;
        int n = comps.length;
        int[] pred = new int[n];
        int restartInterval = header.restartInterval;
        int untilRestart = restartInterval;
        int nextRestart = 0;
        for (int mcuRow = 0; mcuRow < mcuRows; mcuRow++) {
            currentRow = mcuRow;
            for (int mcuCol = 0; mcuCol < mcusPerLine; mcuCol++) {
                if (restartInterval > 0) {
                    if (untilRestart == 0) {
                        int row = mcuRow;
                        int col = mcuCol;
                        // a restart every few MCUs: the message is built only on failure
                        Supplier<String> where = () -> "in scan at MCU row " + row + ", column " + col;
                        int marker = reader.finishSegment(where);
                        if (marker != 0xD0 + nextRestart) {
                            throw new CorruptJpegException(String.format("expected restart marker RST%d but found %s"
                                    + " %s", nextRestart, markerName(marker), where.get()));
                        }
                        reader.restart();
                        nextRestart = (nextRestart + 1) & 7;
                        Arrays.fill(pred, 0);
                        untilRestart = restartInterval;
                    }
                    untilRestart--;
                }
                for (int c = 0; c < n; c++) {
                    JpegHeader.Component comp = comps[c];
                    int size = blockSize[c];
                    int stride = planeWidth[c];
                    byte[] plane = planes[c];
                    for (int by = 0; by < comp.v(); by++) {
                        int rowBase = ((mcuRow * comp.v() + by) * size) * stride;
                        for (int bx = 0; bx < comp.h(); bx++) {
                            decodeBlock(comp.dc(), comp.ac(), comp.quant(), pred, c);
                            int offset = rowBase + (mcuCol * comp.h() + bx) * size;
                            if (size == 8) {
                                // VectorKernels.ENABLED is a static final: without the module C2 folds the
                                // vector branch away and VectorIslowIdct is never loaded
                                rangeFlags |= VectorKernels.ENABLED && vector
                                        ? VectorIslowIdct.transform(block, plane, offset, stride, workspace)
                                        : IslowIdct.transform(block, plane, offset, stride, workspace,
                                                coefficientEnd <= TOP_LEFT_END ? 4 : 8);
                            } else {
                                transformScaled(size, plane, offset, stride);
                            }
                            if (VectorKernels.ENABLED && vector) { // folds away without the module
                                VectorBlockClear.clear(block);
                            } else {
                                Arrays.fill(block, 0);
                            }
                        }
                    }
                }
            }
            if (reader.overran()) {
                throw new CorruptJpegException("truncated entropy data in scan at MCU row " + mcuRow + " of "
                        + mcuRows);
            }
            // before the range check: the overflowing block's coefficients are garbage
            if (coefficientOverflow) {
                throw new CorruptJpegException("corrupt entropy data in scan at MCU row " + mcuRow
                        + " (coefficient run past the end of a block)");
            }
            if (rangeFlags != 0) {
                throw new UnsupportedJpegException("IDCT values out of the range where libjpeg builds agree (C code"
                        + " wraps, SIMD code saturates) at MCU row " + mcuRow + "; corrupt or extreme data");
            }
            listener.decoded(mcuRow + 1);
        }
        int marker = reader.finishSegment(() -> "at the end of the scan");
        if (marker == EntropyReader.END_OF_DATA) {
            // the JDK warns "Missing EOI marker" or not, depending on how far libjpeg read ahead: let it decide
            throw new UnsupportedJpegException("no marker after the scan (file truncated or without EOI)");
        }
    }

    /**
     * Inverse-transforms {@link #block} to {@code size} x {@code size} samples with libjpeg-turbo's IDCT of that size
     * ({@code jddctmgr.c}): {@link ReducedIdct} for 4, 2, 1 ({@code jidctred.c}), {@link ScaledIdct} for 7, 6, 5, 3
     * and {@link UpscaledIdct} for 10, 12, 14 ({@code jidctint.c}). A block with only a DC coefficient gives the same
     * samples in all of these but 1x1 ({@link ScaledIdct#dcOnly}), so it skips the transform.
     */
    private void transformScaled(int size, byte[] plane, int offset, int stride) {
        if (coefficientEnd == 1 && size > 1) {
            ScaledIdct.dcOnly(block[0], size, plane, offset, stride);
            return;
        }
        // VectorKernels.ENABLED is a static final: without the module this branch folds away
        if (VectorKernels.ENABLED && vector && size >= 4 && size <= 7) {
            switch (size) {
                case 7 -> VectorScaledIdct.transform7x7(block, plane, offset, stride, workspace);
                case 6 -> VectorScaledIdct.transform6x6(block, plane, offset, stride, workspace);
                case 5 -> VectorScaledIdct.transform5x5(block, plane, offset, stride, workspace);
                default -> VectorScaledIdct.transform4x4(block, plane, offset, stride, workspace);
            }
            return;
        }
        switch (size) {
            case 7 -> ScaledIdct.transform7x7(block, plane, offset, stride, workspace);
            case 6 -> ScaledIdct.transform6x6(block, plane, offset, stride, workspace);
            case 5 -> ScaledIdct.transform5x5(block, plane, offset, stride, workspace);
            case 4 -> ReducedIdct.transform4x4(block, plane, offset, stride, workspace);
            case 3 -> ScaledIdct.transform3x3(block, plane, offset, stride, workspace);
            case 2 -> ReducedIdct.transform2x2(block, plane, offset, stride, workspace);
            case 1 -> ReducedIdct.transform1x1(block, plane, offset);
            case 10 -> UpscaledIdct.transform10x10(block, plane, offset, stride, workspace);
            case 12 -> UpscaledIdct.transform12x12(block, plane, offset, stride, workspace);
            case 14 -> UpscaledIdct.transform14x14(block, plane, offset, stride, workspace);
            default -> throw new AssertionError("IDCT size " + size);
        }
    }

    private static String markerName(int marker) {
        return marker == EntropyReader.END_OF_DATA ? "the end of the data" : String.format("marker 0x%02X", marker);
    }


    /**
     * Decodes one block's coefficients into {@link #block} (natural order), dequantized with {@code quant} (natural
     * order) in {@code int} as libjpeg's IDCT input, and updates the DC predictor {@code pred[c]}.
     *
     * <p>For the whole block the reader's state lives in locals: {@code left}, its left-aligned bit buffer (a lookup
     * is {@code left >>> 53}, consuming {@code n} bits is {@code left <<= n}), the count {@code bits} of valid bits in
     * it and, for the coefficients, the read position {@code p}; they are written back before a slow refill, a
     * long-code lookup and at the end. Before every coefficient symbol the buffer is refilled as in
     * {@link EntropyReader#fill()}'s fast path (8 bytes read, as many whole bytes taken as fit), with no branch that
     * depends on the data until the last 8 bytes of the segment ({@link EntropySegments}: no stuffing to look for):
     * a refill every 2 or 3 symbols behind a {@code bits < 32} test was a frequently mispredicted branch. Either way
     * at least 32 bits are buffered before every symbol: enough for a 16-bit code plus 15 value bits. Almost every AC
     * symbol (96% of the photos') then comes whole from one {@link HuffmanTable#pair} entry, value included, and most
     * of them (61%) two to a lookup: decoding is bound by the chain lookup, shift, next lookup, so fewer lookups
     * count, as long as the pairs cost no branch (a version that branched on "pair or single" made decoding slower,
     * 1.60 to 1.77 ms; this one made it faster, 1.03 to 0.95 ms an image at 1/8).
     *
     * <p>The coefficient loop is written for C2's register allocator. It calls nothing: the slow refill (the
     * segment's last 8 bytes), codes longer than {@code LOOKUP_BITS} and a coefficient that ends the block (index
     * 63: its lookup may hold the next block's DC code as a second symbol; rare) leave it for an outer loop, and the
     * predictor, the reader and the MCU row (for messages) are not live in it. With a call anywhere in it, C2 kept
     * the buffer, the bit count and {@code k} on the stack, more or less depending on the branch profile it
     * compiled with: 1/8 decodes took 0.90-1.06 ms an image depending on which photo warmed the JVM (0.83-0.85 ms
     * now). Natural-order indices are masked to 0..63, so C2 need not bounds-check their lookups in the (constant)
     * order table; a run past coefficient 63 writes garbage there, and the block is corrupt data either way
     * ({@link #coefficientOverflow}). What bounds the loop now is its length, about 45 instructions a lookup (range
     * checks of the block, quantization and pair tables against lengths C2 cannot know, their references reloaded
     * from the stack); taking values off the lookup chain or the loop into its own method did not make it faster
     * (trt-bench/NOTES.md, eighth pass).
     */
    private void decodeBlock(HuffmanTable dc, HuffmanTable ac, int[] quant, int[] pred, int c)
            throws CorruptJpegException {
        final EntropyReader r = reader;
        final int[] blk = block;
        final byte[] data = r.data;
        int p = r.pos;
        final int limit = r.fastLimit(); // changes only at a restart, between blocks
        int bits = r.bits;
        long left = r.left;
        if (p <= limit) {
            left |= (long) EntropyReader.BIG_ENDIAN_LONG.get(data, p) >>> bits;
            p += (63 - bits) >>> 3;
            bits |= 56;
        } else if (bits < 32) {
            r.fill();
            bits = r.bits;
            left = r.left;
            p = r.pos;
        }
        int v = pred[c];
        int e = dc.fast[(int) (left >>> LOOKUP_SHIFT)];
        if (e >= 0) {
            // as a coefficient below; size 0 (no change) gives x = 0 and adds 0
            int sz = e >> 8;
            int x = (int) (left >>> -e) & ((1 << sz) - 1);
            left <<= e;
            bits -= e & 63;
            v += HuffmanTable.extend(x, sz);
        } else {
            r.pos = p;
            r.left = left;
            r.bits = bits;
            int s = decodeSymbol(r, dc);
            if (s < 0) {
                throw badCode();
            }
            bits = r.bits;
            left = r.left;
            if (s != 0) {
                bits -= s;
                v += HuffmanTable.extend((int) (left >>> (64 - s)), s);
                left <<= s;
            }
        }
        pred[c] = v;
        blk[0] = (short) v * quant[0];
        final int[] pairTable = ac.pair;
        final int[] order = ZigZag.NATURAL_ORDER;
        int k = 1;
        for (;;) {
            // the hot loop makes no calls (C2 then keeps its state in registers); what needs one leaves it: a refill
            // in the segment's last 8 bytes, codes longer than LOOKUP_BITS and a coefficient that ends the block
            boolean slowFill = false;
            do {
                // refill to 56..63 bits before every (pair of) symbols, without a data-dependent branch before the
                // segment's last 8 bytes; there at least 32 bits, enough for one symbol of any kind
                if (p <= limit) {
                    left |= (long) EntropyReader.BIG_ENDIAN_LONG.get(data, p) >>> bits;
                    p += (63 - bits) >>> 3;
                    bits |= 56;
                } else if (bits < 32) {
                    slowFill = true;
                    break;
                }
                e = pairTable[(int) (left >>> LOOKUP_SHIFT)];
                if ((e & HuffmanTable.NOT_DIRECT) == 0) {
                    // one or two whole coefficients from the table (HuffmanTable.pair): the low 6 bits of e count
                    // their code and value bits; the second (v2 = d2 = 0 if none) is written first, so that a lone
                    // first one overwrites the zero written at its own place
                    int k1 = k + ((e >>> 6) & 31);
                    if (k1 >= 64) {
                        // the first coefficient ends the block, so any second code is the next block's DC code:
                        // rare (coefficient 63 set), left to decodeSymbol below, which takes one symbol only
                        e = HuffmanTable.LONG_CODE_FLAG;
                        break;
                    }
                    left <<= e;
                    bits -= e & 63;
                    k = k1 + ((e >>> 12) & 31);
                    int z = order[(k - 1) & 63];
                    blk[z] = ((e << 10) >> 27) * quant[z];
                    z = order[(k1 - 1) & 63];
                    blk[z] = (e >> 22) * quant[z];
                    if (k >= 64) {
                        break;
                    }
                    if (bits < 26) {
                        continue; // rare: the segment's last bytes
                    }
                    // up to two more lookups without a refill: a whole-coefficient entry takes at most LOOKUP_BITS
                    // bits, so after two of them at least 34 of the refill's 56 remain; each lookup needs 26 (any
                    // code and value of up to LOOKUP_BITS code bits, or an EOB), a long code leaves the loop. Written
                    // out, not as a loop: a counted inner loop was 2% slower at 1/8 (0.857 against 0.842 ms)
                    e = pairTable[(int) (left >>> LOOKUP_SHIFT)];
                    if ((e & HuffmanTable.NOT_DIRECT) == 0) {
                        k1 = k + ((e >>> 6) & 31);
                        if (k1 >= 64) {
                            e = HuffmanTable.LONG_CODE_FLAG;
                            break;
                        }
                        left <<= e;
                        bits -= e & 63;
                        k = k1 + ((e >>> 12) & 31);
                        z = order[(k - 1) & 63];
                        blk[z] = ((e << 10) >> 27) * quant[z];
                        z = order[(k1 - 1) & 63];
                        blk[z] = (e >> 22) * quant[z];
                        if (k >= 64 || bits < 26) {
                            continue;
                        }
                        e = pairTable[(int) (left >>> LOOKUP_SHIFT)];
                        if ((e & HuffmanTable.NOT_DIRECT) == 0) {
                            k1 = k + ((e >>> 6) & 31);
                            if (k1 >= 64) {
                                e = HuffmanTable.LONG_CODE_FLAG;
                                break;
                            }
                            left <<= e;
                            bits -= e & 63;
                            k = k1 + ((e >>> 12) & 31);
                            z = order[(k - 1) & 63];
                            blk[z] = ((e << 10) >> 27) * quant[z];
                            z = order[(k1 - 1) & 63];
                            blk[z] = (e >> 22) * quant[z];
                            continue;
                        }
                    }
                }
                if ((e & (HuffmanTable.EOB_FLAG | HuffmanTable.LONG_CODE_FLAG)) == 0) {
                    // a short code whose value bits reach past the lookup: (left >>> -e) ends with them
                    int sz = (e >>> 12) & 15;
                    int x = (int) (left >>> -e) & ((1 << sz) - 1);
                    left <<= e;
                    bits -= e & 63;
                    k += (e >>> 6) & 31;
                    int z = order[(k - 1) & 63];
                    blk[z] = HuffmanTable.extend(x, sz) * quant[z];
                    continue;
                }
                if ((e & HuffmanTable.EOB_FLAG) != 0) {
                    left <<= e; // EOB
                    bits -= e & 63;
                }
                break; // EOB; or a long code or the block's last coefficient: below
            } while (k < 64);
            if (slowFill) {
                r.pos = p;
                r.left = left;
                r.bits = bits;
                r.fill();
                bits = r.bits;
                left = r.left;
                p = r.pos;
                continue;
            }
            if (k >= 64 || (e & HuffmanTable.LONG_CODE_FLAG) == 0) {
                break;
            }
            // a code longer than LOOKUP_BITS, or a short one whose coefficient ends the block (at least 26 bits
            // buffered: refill to 32 for code and value)
            r.pos = p;
            r.left = left;
            r.bits = bits;
            if (bits < 32) {
                r.fill();
            }
            int rs = decodeSymbol(r, ac);
            if (rs < 0) {
                throw badCode();
            }
            bits = r.bits;
            left = r.left;
            p = r.pos;
            int run = rs >> 4;
            int size = rs & 15;
            if (size != 0) {
                k += run;
                bits -= size;
                int x = (int) (left >>> (64 - size));
                left <<= size;
                int z = order[k];
                blk[z] = HuffmanTable.extend(x, size) * quant[z];
                k++;
            } else if (run == 15) {
                k += 16; // ZRL
            } else {
                break; // EOB
            }
            if (k >= 64) {
                break;
            }
        }
        r.pos = p;
        r.left = left;
        r.bits = bits;
        coefficientEnd = k;
        if (k > 64) {
            // a run went past coefficient 63: libjpeg silently folds it onto 63; we call the data corrupt
            coefficientOverflow = true;
        }
    }

    private CorruptJpegException badCode() {
        return new CorruptJpegException("bad Huffman code in scan at MCU row " + currentRow + " of " + mcuRows);
    }

    /** One Huffman symbol (0..255), or -1 for a bit pattern that is no code. Needs 16 bits in the reader. */
    private int decodeSymbol(EntropyReader r, HuffmanTable t) {
        int look = t.lookup[r.peek(HuffmanTable.LOOKUP_BITS)];
        if (look != 0) {
            r.skip(look >> 8);
            return look & 0xFF;
        }
        int code16 = r.peek(16);
        for (int len = HuffmanTable.LOOKUP_BITS + 1; len <= 16; len++) {
            int code = code16 >>> (16 - len);
            if (code <= t.maxCode[len]) {
                int index = t.valueOffset[len] + code;
                if (index < 0 || index >= t.values.length) {
                    return -1;
                }
                r.skip(len);
                return t.values[index];
            }
        }
        return -1;
    }
}
