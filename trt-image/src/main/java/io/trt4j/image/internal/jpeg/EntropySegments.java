package io.trt4j.image.internal.jpeg;

import io.trt4j.image.internal.ScratchArrays;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The entropy-coded data of a scan with JPEG's byte stuffing taken out, read once before decoding: a stuffed
 * {@code FF 00} becomes the data byte {@code FF}, fill bytes ({@code FF} before a marker) are dropped, and the data is
 * cut into segments at the markers, as libjpeg 6b's {@code jpeg_fill_bit_buffer} reads it. Segment {@code i} is
 * {@code bytes[end(i - 1), end(i))} ({@code end(-1) = 0}) and {@link #marker(int)} follows it: a restart marker
 * ({@code 0xD0..0xD7}) starts another segment, any other marker, or the end of the data
 * ({@link EntropyReader#END_OF_DATA}), ends the scan.
 *
 * <p>Why: the bit reader's refill then takes 8 bytes at a time with no test for {@code 0xFF} in them and no byte-wise
 * path around stuffed bytes (about four in every kilobyte of a photo's entropy data).
 *
 * <p>Thread-safety: not thread-safe; one instance per scan decode.
 */
final class EntropySegments {
    private static final VarHandle LONG = EntropyReader.BIG_ENDIAN_LONG;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** The segments back to back; bytes past the last segment's end are unspecified. */
    final byte[] bytes;
    private int[] ends = new int[8];
    private int[] markers = new int[8];
    private int count;

    private EntropySegments(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Reads the scan's entropy data from {@code data[start]} to the first marker that is not a restart marker, or
     * to the end of {@code data}.
     *
     * @param scratch where {@link #bytes} comes from ({@link #giveBack} returns it), or null for a new array
     */
    static EntropySegments read(byte[] data, int start, ScratchArrays scratch) {
        int end = data.length;
        int capacity = Math.max(0, end - start); // destuffing only shrinks the data
        EntropySegments s = new EntropySegments(scratch == null ? new byte[capacity]
                : scratch.bytesAtLeast(capacity));
        byte[] out = s.bytes;
        int q = start;
        int o = 0;
        while (true) {
            // 8 bytes at a time while none of them is 0xFF (o <= q - start, so o + 8 <= capacity)
            long w;
            while (q <= end - 8 && noFF(w = (long) LONG.get(data, q))) {
                LONG.set(out, o, w);
                q += 8;
                o += 8;
            }
            while (q < end && data[q] != (byte) 0xFF) {
                out[o++] = data[q++];
            }
            // at a 0xFF byte: any further 0xFF are fill bytes; then 0x00 (stuffing) or a marker code
            int r = q + 1;
            while (r < end && data[r] == (byte) 0xFF) {
                r++;
            }
            if (r >= end) {
                s.add(o, EntropyReader.END_OF_DATA);
                return s;
            }
            if (data[r] == 0) {
                out[o++] = (byte) 0xFF;
                q = r + 1;
                continue;
            }
            int marker = data[r] & 0xFF;
            s.add(o, marker);
            if (marker < 0xD0 || marker > 0xD7) {
                return s;
            }
            q = r + 1;
        }
    }

    /** Whether none of the 8 bytes of {@code w} is {@code 0xFF}. */
    private static boolean noFF(long w) {
        return ((~w - ONES) & w & HIGHS) == 0; // the classic zero-byte test, on ~w
    }

    private void add(int end, int marker) {
        if (count == ends.length) {
            ends = Arrays.copyOf(ends, 2 * count);
            markers = Arrays.copyOf(markers, 2 * count);
        }
        ends[count] = end;
        markers[count] = marker;
        count++;
    }

    /** Number of segments, at least 1. */
    int count() {
        return count;
    }

    /** Where segment {@code i} starts in {@link #bytes}. */
    int start(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    /** Where segment {@code i} ends (exclusive) in {@link #bytes}. */
    int end(int i) {
        return ends[i];
    }

    /** The marker code after segment {@code i}, or {@link EntropyReader#END_OF_DATA}. */
    int marker(int i) {
        return markers[i];
    }

    /** Gives {@link #bytes} back to {@code scratch} (null: nothing to do); this instance is not used afterwards. */
    void giveBack(ScratchArrays scratch) {
        if (scratch != null) {
            scratch.give(bytes);
        }
    }
}
