package io.trt4j.image.internal.jpeg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.Supplier;

/**
 * Reads the entropy-coded bits of a scan from a byte array, as libjpeg 6b's {@code jpeg_fill_bit_buffer}: a stuffed
 * {@code FF 00} is a data byte {@code FF}, extra {@code FF} fill bytes before a marker are skipped, and a marker (or
 * the end of the data) stops the reader, which then supplies zero bits. Using one of those zero bits means the entropy
 * data ended early (libjpeg warns "Corrupt JPEG data: premature end of data segment"); {@link #overran()} tells.
 *
 * <p>Bits are held left-aligned in a 64-bit buffer, {@link #left}: its top {@link #bits} bits are the next bits of
 * the stream. Below them it holds zeros or, after a fast refill, some of the stream bits that follow (exactly those a
 * later refill puts there again). {@link #fill()} tops it up to at least 56 bits, so after one call up to 56 bits
 * can be read without another check.
 *
 * <p>Thread-safety: not thread-safe; one reader per scan decode.
 */
final class EntropyReader {
    static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** {@link #marker()} when the data ended without a marker. */
    static final int END_OF_DATA = 0x100;

    final byte[] data;
    private final int end;
    /** The first byte not yet in {@link #bits}. */
    int pos;
    /**
     * The bit buffer, left-aligned: the top {@link #bits} bits are valid (see the class description for the rest).
     * Read directly by {@link ScanDecoder}'s block loop, which keeps a local copy per block and writes it back.
     */
    long left;
    /** Valid bits in {@link #left}, 0..64; {@link ScanDecoder} keeps a local copy per block and writes it back. */
    int bits;
    private int paddingBits;
    private int marker = -1;

    /** Reads {@code data[start, end)}. */
    EntropyReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    /**
     * The largest {@link #pos} from which 8 bytes may be read as data by a fast refill: {@code end - 8} until a marker
     * (or the end of the data) has been reached, then -1.
     */
    int fastLimit() {
        return marker < 0 ? end - 8 : -1;
    }

    /** Whether none of the 8 bytes of {@code w} is {@code 0xFF}. */
    static boolean noFF(long w) {
        return ((~w - ONES) & w & HIGHS) == 0; // the classic zero-byte test, on ~w
    }

    /**
     * Tops the buffer up to 56..63 bits (64 would break a fast refill's {@code left |= next >>> bits}). Fast path:
     * the next 8 bytes are read at once and, when none of them is {@code 0xFF} (no stuffing, no marker), the whole
     * bytes that fit below the valid bits are taken (the rest of the 8 bytes lands below the valid bits too, as the
     * next refill would put it); otherwise byte by byte.
     */
    void fill() {
        int b = bits;
        if (b < 56) {
            int p = pos;
            if (p <= end - 8 && marker < 0) {
                long next = (long) BIG_ENDIAN_LONG.get(data, p);
                if (noFF(next)) {
                    left |= next >>> b;
                    pos = p + ((63 - b) >>> 3);
                    bits = b | 56; // b + 8 * ((63 - b) / 8): 56..63
                    return;
                }
            }
            fillSlow();
        }
    }

    /** {@link #fill()} byte by byte: stuffing, markers, padding after a marker or at the end of the data. */
    private void fillSlow() {
        // clear what lies below the valid bits: a fast refill may have left stream bits there
        left = bits == 0 ? 0 : left & (-1L << (64 - bits));
        while (bits < 56) {
            if (marker >= 0) {
                bits += 8;
                paddingBits += 8;
                continue;
            }
            if (pos >= end) {
                marker = END_OF_DATA;
                continue;
            }
            int b = data[pos] & 0xFF;
            if (b != 0xFF) {
                pos++;
                left |= (long) b << (56 - bits);
                bits += 8;
                continue;
            }
            if (!takeMarkerOrStuffing()) {
                left |= 0xFFL << (56 - bits);
                bits += 8;
            }
        }
    }

    /**
     * Reads what follows the 0xFF byte at {@code pos}, after any 0xFF fill bytes: a marker code, or the end of the
     * data, goes into {@link #marker} and true is returned; a stuffed zero (the encoding of a 0xFF data byte) returns
     * false. Either way {@code pos} moves past what was read.
     */
    private boolean takeMarkerOrStuffing() {
        int p = pos + 1;
        while (p < end && data[p] == (byte) 0xFF) {
            p++;
        }
        if (p >= end) {
            marker = END_OF_DATA;
            pos = end;
            return true;
        }
        pos = p + 1;
        if (data[p] == 0) {
            return false;
        }
        marker = data[p] & 0xFF;
        return true;
    }

    /** The next {@code n} (1..24) bits without consuming them; needs {@code n} valid bits. */
    int peek(int n) {
        return (int) (left >>> (64 - n));
    }

    /** Consumes {@code n} (0..63) bits; needs {@code n} valid bits. */
    void skip(int n) {
        left <<= n;
        bits -= n;
    }

    /** Whether any zero padding bit past a marker or the end of the data has been consumed. */
    boolean overran() {
        return bits < paddingBits;
    }

    /**
     * Finishes a restart interval or the scan: checks that no padding bit was consumed, that fewer than 8 unused data
     * bits remain (the encoder's byte padding) and that a marker follows directly.
     *
     * <p>Whole unused bytes before the marker are "extraneous data" to libjpeg, which warns about them only when its
     * own read-ahead has not already passed them (that depends on its buffering), so they are reported as
     * {@link UnsupportedJpegException}: javax.imageio then decides, exactly as before.
     *
     * @param where names the place for error messages ("in scan at MCU row 3, column 7"); asked only on failure
     * @return the marker code (0xD0..0xD7 for a restart marker, 0xD9 for EOI, ...), or {@link #END_OF_DATA}
     * @throws CorruptJpegException     if the entropy data ran out early
     * @throws UnsupportedJpegException if whole unused bytes remain before the marker
     */
    int finishSegment(Supplier<String> where) throws CorruptJpegException, UnsupportedJpegException {
        if (overran()) {
            throw new CorruptJpegException("truncated entropy data " + where.get());
        }
        if (marker < 0) {
            // the reader has not reached the marker: only fill bytes (0xFF) may remain before it
            if (bits >= 8 || pos >= end || data[pos] != (byte) 0xFF) {
                throw new UnsupportedJpegException("extraneous bytes in entropy data " + where.get());
            }
            if (!takeMarkerOrStuffing()) {
                throw new UnsupportedJpegException("extraneous bytes in entropy data " + where.get());
            }
        } else if (bits - paddingBits >= 8) {
            throw new UnsupportedJpegException("extraneous bytes in entropy data " + where.get());
        }
        return marker;
    }

    /** Starts the next restart interval after the marker returned by {@link #finishSegment}. */
    void restart() {
        marker = -1;
        bits = 0;
        paddingBits = 0;
        left = 0;
    }
}
