package io.trt4j.image.internal.jpeg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.Supplier;

/**
 * Reads the entropy-coded bits of a scan, segment by segment, from its {@link EntropySegments} (stuffing already
 * taken out), as libjpeg 6b's {@code jpeg_fill_bit_buffer}: at the end of a segment (a marker, or the end of the data)
 * the reader supplies zero bits. Using one of those zero bits means the entropy data ended early (libjpeg warns
 * "Corrupt JPEG data: premature end of data segment"); {@link #overran()} tells.
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

    /** {@link EntropySegments#marker} when the data ended without a marker. */
    static final int END_OF_DATA = 0x100;

    private final EntropySegments segments;
    /** The destuffed segments, back to back ({@link EntropySegments#bytes}). */
    final byte[] data;
    private int segment;
    /** The end of the current segment in {@link #data}. */
    private int end;
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

    /** Reads {@code segments} from the first. */
    EntropyReader(EntropySegments segments) {
        this.segments = segments;
        this.data = segments.bytes;
        this.pos = segments.start(0);
        this.end = segments.end(0);
    }

    /**
     * The largest {@link #pos} from which a fast refill may read 8 bytes: all of them lie in the current segment.
     */
    int fastLimit() {
        return end - 8;
    }

    /**
     * Tops the buffer up to 56..63 bits (64 would break a fast refill's {@code left |= next >>> bits}). Fast path:
     * 8 bytes of the segment read at once, the whole bytes that fit below the valid bits taken (the rest lands below
     * the valid bits too, as the next refill would put it); near the segment's end, byte by byte and then zeros.
     */
    void fill() {
        int b = bits;
        if (b < 56) {
            int p = pos;
            if (p <= end - 8) {
                left |= (long) BIG_ENDIAN_LONG.get(data, p) >>> b;
                pos = p + ((63 - b) >>> 3);
                bits = b | 56; // b + 8 * ((63 - b) / 8): 56..63
                return;
            }
            fillSlow();
        }
    }

    /** {@link #fill()} byte by byte: the segment's last bytes, then zero padding. */
    private void fillSlow() {
        // clear what lies below the valid bits: a fast refill may have left stream bits there
        left = bits == 0 ? 0 : left & (-1L << (64 - bits));
        while (bits < 56) {
            if (pos < end) {
                left |= (long) (data[pos++] & 0xFF) << (56 - bits);
            } else {
                paddingBits += 8;
            }
            bits += 8;
        }
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
     * Finishes a restart interval or the scan: checks that no padding bit was consumed and that fewer than 8 unused
     * data bits remain in the segment (the encoder's byte padding).
     *
     * <p>Whole unused bytes before the marker are "extraneous data" to libjpeg, which warns about them only when its
     * own read-ahead has not already passed them (that depends on its buffering), so they are reported as
     * {@link UnsupportedJpegException}: javax.imageio then decides, exactly as before.
     *
     * @param where names the place for error messages ("in scan at MCU row 3, column 7"); asked only on failure
     * @return the marker code after the segment (0xD0..0xD7 for a restart marker, 0xD9 for EOI, ...), or
     *         {@link #END_OF_DATA}
     * @throws CorruptJpegException     if the entropy data ran out early
     * @throws UnsupportedJpegException if whole unused bytes remain before the marker
     */
    int finishSegment(Supplier<String> where) throws CorruptJpegException, UnsupportedJpegException {
        if (overran()) {
            throw new CorruptJpegException("truncated entropy data " + where.get());
        }
        long unusedBits = 8L * (end - pos) + bits - paddingBits;
        if (unusedBits >= 8) {
            throw new UnsupportedJpegException("extraneous bytes in entropy data " + where.get());
        }
        return segments.marker(segment);
    }

    /**
     * Starts the next segment, after {@link #finishSegment} returned a restart marker (so that a next segment
     * exists).
     */
    void restart() {
        segment++;
        pos = segments.start(segment);
        end = segments.end(segment);
        bits = 0;
        paddingBits = 0;
        left = 0;
    }
}
