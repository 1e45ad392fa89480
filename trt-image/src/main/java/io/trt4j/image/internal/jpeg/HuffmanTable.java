package io.trt4j.image.internal.jpeg;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A decoding table for one JPEG Huffman table (DHT), built as libjpeg 6b's {@code jpeg_make_d_derived_tbl}: codes of
 * up to {@link #LOOKUP_BITS} bits resolve with one table lookup on the next {@code LOOKUP_BITS} bits of the stream,
 * longer ones through the canonical-code limits {@code maxCode}/{@code valueOffset}.
 *
 * <p>A second table resolves every code of up to {@code LOOKUP_BITS} bits in one lookup, without a branch that
 * depends on the data: for a DC table {@link #fast} (size and bits taken; the decoder takes the difference with
 * shifts and masks), for an AC table {@link #coefficient} (the coefficient itself where its value bits fit the
 * prefix; EOB and longer codes are flagged) and {@link #pair} (the same with a second small coefficient where the
 * prefix holds it whole too).
 *
 * <p>Thread-safety: immutable after construction; safe to share.
 */
final class HuffmanTable {
    /** Bits resolved by one lookup. */
    static final int LOOKUP_BITS = 11;
    /** {@link #fast} entry for a code longer than {@code LOOKUP_BITS} bits (negative). */
    static final int LONGER_CODE = Integer.MIN_VALUE;

    /** Per {@code LOOKUP_BITS}-bit prefix: {@code (codeLength << 8) | symbol}, or 0 if the code is longer. */
    final int[] lookup = new int[1 << LOOKUP_BITS];
    /**
     * DC tables only (null for AC): per prefix, for {@link ScanDecoder}'s DC difference: for a code of up to
     * {@code LOOKUP_BITS} bits {@code (size << 8) | (codeLength + size)}, for a longer code {@link #LONGER_CODE}. The
     * low 6 bits are all the bits the difference takes (code and value), so a left-aligned buffer {@code left} gives
     * the value bits as {@code left >>> -e} and moves on with {@code left <<= e}.
     */
    final int[] fast;
    /**
     * AC tables only (null for DC): per prefix, for {@link ScanDecoder}'s coefficient loop. A code of up to
     * {@code LOOKUP_BITS} bits whose value bits lie inside the prefix too (all but a few percent of a photo's
     * symbols) is resolved completely: {@code (value << 16) | ((run + 1) << 6) | bitsTaken}, the coefficient
     * already sign-extended, so the decoder needs no arithmetic on the stream bits. Otherwise {@link #NOT_DIRECT} is
     * set: a code of up to {@code LOOKUP_BITS} bits with more value bits has {@code (size << 12) | ((run + 1) << 6) |
     * bitsTaken} besides, EOB has {@link #EOB_FLAG} and its code length, a longer code {@link #LONG_CODE_FLAG}. In
     * every case but a long code the low 6 bits count all the bits the symbol takes (at most 26), so
     * {@code left <<= entry} moves on.
     */
    final int[] coefficient;
    /**
     * AC tables only (null for DC): {@link #coefficient} with a second symbol where the prefix holds it whole too.
     * Where the first symbol is not a whole coefficient the entry is {@link #coefficient}'s. Else {@code (v1 << 22) |
     * (v2 << 17 as 5 bits) | (d2 << 12) | ((run1 + 1) << 6) | bitsTaken}: the first coefficient {@code v1}
     * (-512..511; a larger one makes the entry {@link #NOT_DIRECT}, with a value-bits entry as for a longer value),
     * and, when the rest of the prefix holds a whole second coefficient of -16..15 (not an EOB), that one's
     * {@code v2} and {@code d2 = run2 + 1}; otherwise {@code v2 = d2 = 0}. So a decoder writes {@code v2} at
     * {@code k1 + d2} first and {@code v1} at {@code k1} second, with no branch on whether there was a pair.
     */
    final int[] pair;
    /** {@link #coefficient} entries that are not a whole coefficient. */
    static final int NOT_DIRECT = 1 << 11;
    static final int EOB_FLAG = 1 << 17;
    static final int LONG_CODE_FLAG = 1 << 18;

    /** Largest code of each length 1..16 (index 17: a sentinel larger than any 17-bit code), -1 if none. */
    final int[] maxCode = new int[18];
    /** Per length: index into {@link #values} minus the first code of that length. */
    final int[] valueOffset = new int[17];
    /** Symbols in code order, 0..255. */
    final int[] values;

    private HuffmanTable(int[] values, boolean ac) {
        this.values = values;
        this.fast = ac ? null : new int[1 << LOOKUP_BITS];
        this.coefficient = ac ? new int[1 << LOOKUP_BITS] : null;
        this.pair = ac ? new int[1 << LOOKUP_BITS] : null;
    }

    /** At most this many distinct tables are kept by {@link #cached}; then the cache starts over. */
    private static final int CACHE_LIMIT = 64;
    private static final ConcurrentHashMap<Definition, HuffmanTable> CACHE = new ConcurrentHashMap<>();

    /** A DHT definition as a map key: its class (AC or DC), code counts and symbols, compared by content. */
    private record Definition(boolean ac, int[] counts, int[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Definition d && d.ac == ac && Arrays.equals(d.counts, counts)
                    && Arrays.equals(d.values, values);
        }

        @Override
        public int hashCode() {
            return (31 * Arrays.hashCode(counts) + Arrays.hashCode(values)) * 2 + (ac ? 1 : 0);
        }
    }

    /**
     * {@link #build}, from a small process-wide cache: most JPEG files carry the same few tables (the standard ones
     * of the JPEG specification's Annex K, or an encoder's optimized ones for a photo series), and building the two
     * 2048-entry lookup arrays costs about as much as decoding a few dozen blocks. Only valid definitions are cached.
     */
    static HuffmanTable cached(int[] counts, int[] values, boolean ac) throws CorruptJpegException {
        Definition key = new Definition(ac, counts, values);
        HuffmanTable t = CACHE.get(key);
        if (t == null) {
            t = build(counts, values, ac);
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.put(new Definition(ac, counts.clone(), values.clone()), t);
        }
        return t;
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
        for (int prefix = 0; prefix < (1 << LOOKUP_BITS); prefix++) {
            int entry = t.lookup[prefix];
            int len = entry >> 8;
            int size = entry & 15;
            if (ac) {
                t.coefficient[prefix] = entry == 0 ? NOT_DIRECT | LONG_CODE_FLAG
                        : coefficientEntry(prefix, len, (entry >> 4) & 15, size);
            } else {
                t.fast[prefix] = entry == 0 ? LONGER_CODE : (size << 8) | (len + size);
            }
        }
        if (ac) {
            for (int prefix = 0; prefix < (1 << LOOKUP_BITS); prefix++) {
                t.pair[prefix] = pairEntry(t.coefficient, prefix);
            }
        }
        return t;
    }

    /** The {@link #pair} entry of {@code prefix}, from the {@link #coefficient} entries. */
    private static int pairEntry(int[] coefficient, int prefix) {
        int e1 = coefficient[prefix];
        if ((e1 & NOT_DIRECT) != 0) {
            return e1;
        }
        int taken1 = e1 & 63;
        int v1 = e1 >> 16;
        if (v1 < -512 || v1 > 511) {
            int size = 32 - Integer.numberOfLeadingZeros(Math.abs(v1)); // the symbol's magnitude category
            return NOT_DIRECT | (size << 12) | (e1 & ((31 << 6) | 63));
        }
        int head = (e1 & ((31 << 6) | 63)) | (v1 << 22);
        int rest = LOOKUP_BITS - taken1;
        if (rest <= 0) {
            return head;
        }
        int e2 = coefficient[(prefix << taken1) & ((1 << LOOKUP_BITS) - 1)];
        int taken2 = e2 & 63;
        int v2 = e2 >> 16;
        if ((e2 & NOT_DIRECT) != 0 || taken2 > rest || v2 < -16 || v2 > 15) {
            return head;
        }
        return head + (((v2 & 31) << 17) | (((e2 >>> 6) & 31) << 12) | taken2);
    }

    /** The {@link #coefficient} entry of a code of {@code len <= LOOKUP_BITS} bits starting {@code prefix}. */
    private static int coefficientEntry(int prefix, int len, int run, int size) {
        if (run == 0 && size == 0) {
            return NOT_DIRECT | EOB_FLAG | len;
        }
        int taken = len + size;
        if (taken > LOOKUP_BITS) {
            return NOT_DIRECT | (size << 12) | ((run + 1) << 6) | taken;
        }
        int value = size == 0 ? 0 : extend((prefix >> (LOOKUP_BITS - taken)) & ((1 << size) - 1), size);
        return (value << 16) | ((run + 1) << 6) | taken;
    }

    /**
     * JPEG's sign extension of an {@code size}-bit magnitude category value (libjpeg's HUFF_EXTEND): {@code bits}
     * (0..2^size - 1) below {@code 2^(size-1)} becomes {@code bits - 2^size + 1}. Without a branch (the decoder's
     * value bits are as good as random), and 0 for size 0.
     */
    static int extend(int bits, int size) {
        return bits + ((bits - ((1 << size) >> 1)) >> 31 & ((-1 << size) + 1));
    }
}
