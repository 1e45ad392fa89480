package io.trt4j.image.internal.jpeg;

/**
 * A decoding table for one JPEG Huffman table (DHT), built as libjpeg 6b's {@code jpeg_make_d_derived_tbl}: codes of
 * up to {@link #LOOKUP_BITS} bits resolve with one table lookup on the next {@code LOOKUP_BITS} bits of the stream,
 * longer ones through the canonical-code limits {@code maxCode}/{@code valueOffset}.
 *
 * <p>For AC tables a second table, {@link #fastAc}, resolves every code of up to {@code LOOKUP_BITS} bits in one
 * lookup: to the whole coefficient when code and value bits together fit in the prefix (the common short codes),
 * else to run, size and code length (EOB and ZRL included), saving a second table access per symbol.
 *
 * <p>Thread-safety: immutable after construction; safe to share.
 */
final class HuffmanTable {
    /** Bits resolved by one lookup. */
    static final int LOOKUP_BITS = 11;

    /** Per {@code LOOKUP_BITS}-bit prefix: {@code (codeLength << 8) | symbol}, or 0 if the code is longer. */
    final int[] lookup = new int[1 << LOOKUP_BITS];
    /**
     * AC tables only, per prefix: {@code (value << 16) | (run << 8) | totalBits} for a coefficient whose code and
     * value bits fit in the prefix (value in -1023..1023, never 0); {@code (size << 12) | (run << 8) | codeLength}
     * for any other code of up to {@code LOOKUP_BITS} bits (upper 16 bits zero; size 0 is EOB or ZRL); 0 if the code
     * is longer.
     */
    final int[] fastAc;
    /** Largest code of each length 1..16 (index 17: a sentinel larger than any 17-bit code), -1 if none. */
    final int[] maxCode = new int[18];
    /** Per length: index into {@link #values} minus the first code of that length. */
    final int[] valueOffset = new int[17];
    /** Symbols in code order, 0..255. */
    final int[] values;

    private HuffmanTable(int[] values, boolean ac) {
        this.values = values;
        this.fastAc = ac ? new int[1 << LOOKUP_BITS] : null;
    }

    /**
     * Builds the table from a DHT definition.
     *
     * @param counts number of codes of each length, {@code counts[1..16]} (index 0 unused)
     * @param values symbols 0..255 in code order, {@code sum(counts)} of them
     * @param ac     whether this is an AC table (DC symbols must be 0..15)
     * @throws CorruptJpegException for a definition libjpeg rejects (over-full code space, bad DC symbol)
     */
    static HuffmanTable build(int[] counts, int[] values, boolean ac) throws CorruptJpegException {
        HuffmanTable t = new HuffmanTable(values, ac);
        int n = values.length;
        int[] codes = new int[n];
        int[] sizes = new int[n];
        int p = 0;
        for (int len = 1; len <= 16; len++) {
            for (int i = 0; i < counts[len]; i++) {
                sizes[p++] = len;
            }
        }
        int code = 0;
        p = 0;
        for (int len = 1; len <= 16 && p < n; len++) {
            while (p < n && sizes[p] == len) {
                codes[p++] = code++;
            }
            // as libjpeg: the codes must fit in len bits and none may be all ones
            if (code >= (1 << len)) {
                throw new CorruptJpegException("bad Huffman table definition (code space over-full at length " + len
                        + ")");
            }
            code <<= 1;
        }
        p = 0;
        for (int len = 1; len <= 16; len++) {
            if (counts[len] > 0) {
                t.valueOffset[len] = p - codes[p];
                p += counts[len];
                t.maxCode[len] = codes[p - 1];
            } else {
                t.maxCode[len] = -1;
            }
        }
        t.maxCode[17] = 0xFFFFF;
        if (!ac) {
            for (int v : values) {
                if (v > 15) {
                    throw new CorruptJpegException("bad Huffman table definition (DC symbol " + v + " > 15)");
                }
            }
        }
        for (int i = 0; i < n && sizes[i] <= LOOKUP_BITS; i++) {
            int len = sizes[i];
            int shift = LOOKUP_BITS - len;
            int first = codes[i] << shift;
            for (int j = 0; j < (1 << shift); j++) {
                t.lookup[first + j] = (len << 8) | values[i];
            }
        }
        if (ac) {
            for (int prefix = 0; prefix < (1 << LOOKUP_BITS); prefix++) {
                int entry = t.lookup[prefix];
                if (entry == 0) {
                    continue;
                }
                int len = entry >> 8;
                int run = (entry >> 4) & 15;
                int size = entry & 15;
                if (size == 0 || len + size > LOOKUP_BITS) {
                    t.fastAc[prefix] = (size << 12) | (run << 8) | len;
                    continue;
                }
                int bits = (prefix >> (LOOKUP_BITS - len - size)) & ((1 << size) - 1);
                int value = extend(bits, size);
                t.fastAc[prefix] = (value << 16) | (run << 8) | (len + size);
            }
        }
        return t;
    }

    /** JPEG's sign extension of an {@code size}-bit magnitude category value (libjpeg's HUFF_EXTEND). */
    static int extend(int bits, int size) {
        return bits < (1 << (size - 1)) ? bits + (-1 << size) + 1 : bits;
    }
}
