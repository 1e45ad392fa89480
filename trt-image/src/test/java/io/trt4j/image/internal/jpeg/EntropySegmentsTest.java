package io.trt4j.image.internal.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.image.internal.ScratchArrays;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link EntropySegments} (stuffing taken out, cut at markers) against a byte-by-byte reading of the JPEG rules
 * written here, and {@link EntropyReader}'s bits, padding and segment checks on top of it.
 */
class EntropySegmentsTest {

    @Test
    void stuffingFillBytesAndMarkers() {
        byte[] data = bytes(0x99, 0x99, /* scan: */ 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xFF, 0x00, 0x56, 0xFF, 0xFF, 0xD0,
                0x78, 0xFF, 0xD1, 0xFF, 0xD9, 0xAB);
        EntropySegments s = EntropySegments.read(data, 2, null);
        assertEquals(3, s.count());
        assertArrayEquals(bytes(0x12, 0xFF, 0x34, 0xFF, 0x56), segment(s, 0));
        assertEquals(0xD0, s.marker(0));
        assertArrayEquals(bytes(0x78), segment(s, 1));
        assertEquals(0xD1, s.marker(1));
        assertArrayEquals(new byte[0], segment(s, 2));
        assertEquals(0xD9, s.marker(2), "the first marker that is not RSTn ends the scan; nothing after it is read");
    }

    @Test
    void dataEndingWithoutMarker() {
        EntropySegments s = EntropySegments.read(bytes(0x11, 0x22, 0xFF, 0xFF), 0, null);
        assertEquals(1, s.count());
        assertArrayEquals(bytes(0x11, 0x22), segment(s, 0));
        assertEquals(EntropyReader.END_OF_DATA, s.marker(0));
        EntropySegments empty = EntropySegments.read(bytes(0x11), 1, null);
        assertEquals(1, empty.count());
        assertEquals(0, empty.end(0));
        assertEquals(EntropyReader.END_OF_DATA, empty.marker(0));
    }

    @Test
    void randomScansMatchByteByByteReading() {
        Random random = new Random(20261126);
        for (int trial = 0; trial < 300; trial++) {
            byte[] data = randomScan(random);
            List<byte[]> expected = new ArrayList<>();
            List<Integer> markers = new ArrayList<>();
            referenceRead(data, expected, markers);
            EntropySegments s = EntropySegments.read(data, 0, trial % 2 == 0 ? null : ScratchArrays.ofThisThread());
            assertEquals(expected.size(), s.count(), "trial " + trial);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), segment(s, i), "trial " + trial + " segment " + i);
                assertEquals(markers.get(i), s.marker(i), "trial " + trial + " marker " + i);
            }
            s.giveBack(trial % 2 == 0 ? null : ScratchArrays.ofThisThread());
        }
    }

    @Test
    void readerTakesBitsAcrossRefillsAndPadsWithZeros() throws Exception {
        byte[] data = new byte[40];
        for (int i = 0; i < 37; i++) {
            int v = (i * 37 + 1) & 0xFF;
            data[i] = (byte) (v == 0xFF ? 0 : v);
        }
        data[37] = (byte) 0xFF;
        data[38] = (byte) 0xD9;
        EntropyReader r = new EntropyReader(EntropySegments.read(data, 0, null));
        for (int i = 0; i < 37; i++) {
            r.fill();
            assertEquals(data[i] & 0xFF, r.peek(8), "byte " + i);
            r.skip(i % 2 == 0 ? 8 : 3);
            if (i % 2 == 1) {
                r.skip(5);
            }
        }
        assertFalse(r.overran());
        assertEquals(0xD9, r.finishSegment(() -> "here"));
        r.fill();
        assertEquals(0, r.peek(16), "zeros after the segment");
        r.skip(1);
        assertTrue(r.overran());
        CorruptJpegException e = assertThrows(CorruptJpegException.class, () -> r.finishSegment(() -> "at the end"));
        assertEquals("truncated entropy data at the end", e.getMessage());
    }

    @Test
    void unusedWholeBytesBeforeAMarkerAreExtraneous() throws Exception {
        byte[] data = bytes(0xA5, 0x5A, 0xFF, 0xD0, 0x01);
        EntropyReader r = new EntropyReader(EntropySegments.read(data, 0, null));
        r.fill();
        r.skip(7); // 9 bits of the segment unused
        UnsupportedJpegException e = assertThrows(UnsupportedJpegException.class, () -> r.finishSegment(() -> "x"));
        assertEquals("extraneous bytes in entropy data x", e.getMessage());
        r.skip(2); // 7 unused: the encoder's padding
        assertEquals(0xD0, r.finishSegment(() -> "x"));
        r.restart();
        r.fill();
        assertEquals(0x01, r.peek(8), "the next segment");
        r.skip(8);
        assertEquals(EntropyReader.END_OF_DATA, r.finishSegment(() -> "x"));
    }

    /** Entropy bytes with stuffed 0xFF, fill bytes, restart markers, sometimes another marker and trailing junk. */
    private static byte[] randomScan(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int events = random.nextInt(12);
        for (int e = 0; e <= events; e++) {
            int run = random.nextInt(e % 3 == 0 ? 40 : 9);
            for (int i = 0; i < run; i++) {
                out.write(random.nextInt(255)); // 0x00..0xFE
            }
            switch (random.nextInt(6)) {
                case 0, 1 -> out.writeBytes(bytes(0xFF, 0x00));
                case 2 -> out.writeBytes(bytes(0xFF, 0xFF, 0x00));
                case 3 -> out.writeBytes(bytes(0xFF, 0xD0 + random.nextInt(8)));
                case 4 -> out.writeBytes(bytes(0xFF, 0xFF, 0xD0 + random.nextInt(8)));
                default -> { }
            }
        }
        switch (random.nextInt(4)) {
            case 0 -> out.writeBytes(bytes(0xFF, 0xD9, 0x12, 0xFF, 0x00));
            case 1 -> out.writeBytes(bytes(0xFF, 0xC4, 0xFF, 0xD0));
            case 2 -> out.write(0xFF);
            default -> { }
        }
        return out.toByteArray();
    }

    /** libjpeg's byte-by-byte reading: FF 00 is a data FF, FF FF.. are fill bytes, FF xx a marker. */
    private static void referenceRead(byte[] data, List<byte[]> segments, List<Integer> markers) {
        ByteArrayOutputStream seg = new ByteArrayOutputStream();
        int i = 0;
        while (true) {
            if (i >= data.length) {
                segments.add(seg.toByteArray());
                markers.add(EntropyReader.END_OF_DATA);
                return;
            }
            int b = data[i++] & 0xFF;
            if (b != 0xFF) {
                seg.write(b);
                continue;
            }
            while (i < data.length && data[i] == (byte) 0xFF) {
                i++;
            }
            if (i >= data.length) {
                segments.add(seg.toByteArray());
                markers.add(EntropyReader.END_OF_DATA);
                return;
            }
            int next = data[i++] & 0xFF;
            if (next == 0) {
                seg.write(0xFF);
                continue;
            }
            segments.add(seg.toByteArray());
            markers.add(next);
            seg.reset();
            if (next < 0xD0 || next > 0xD7) {
                return;
            }
        }
    }

    private static byte[] segment(EntropySegments s, int i) {
        return Arrays.copyOfRange(s.bytes, s.start(i), s.end(i));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
