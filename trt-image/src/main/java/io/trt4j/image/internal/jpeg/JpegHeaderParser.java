package io.trt4j.image.internal.jpeg;

/**
 * Parses the markers of a JPEG stream from SOI up to and including the first SOS: DQT, DHT, SOF0/SOF1, DRI are read;
 * APPn and COM are skipped; every other frame type, arithmetic coding (DAC), DNL and unknown markers are
 * {@link UnsupportedJpegException}s; what libjpeg 6b rejects or warns about (bad lengths, tables, sampling factors,
 * bytes between markers, data ending early) is a {@link CorruptJpegException}.
 *
 * <p>Thread-safety: stateless; {@link #parse} may be called from any thread.
 */
final class JpegHeaderParser {
    private JpegHeaderParser() {
    }

    /**
     * @param data a whole JPEG file, starting with SOI ({@code FF D8})
     * @return the frame, its tables and where the scan's entropy-coded data starts
     */
    static JpegHeader parse(byte[] data) throws UnsupportedJpegException, CorruptJpegException {
        if (data.length < 4 || data[0] != (byte) 0xFF || data[1] != (byte) 0xD8) {
            throw new UnsupportedJpegException("no JPEG SOI marker");
        }
        int[][] quant = new int[4][];
        int[][] huffCounts = new int[8][];
        int[][] huffValues = new int[8][];
        int[] ids = null;
        int[] hs = null;
        int[] vs = null;
        int[] tqs = null;
        int width = 0;
        int height = 0;
        int restart = 0;
        int pos = 2;
        while (true) {
            if (pos >= data.length) {
                throw new CorruptJpegException("data ends before the first scan (offset " + pos + ")");
            }
            if (data[pos] != (byte) 0xFF) {
                throw new CorruptJpegException("extraneous bytes before a marker at offset " + pos);
            }
            while (pos < data.length && data[pos] == (byte) 0xFF) {
                pos++;
            }
            if (pos >= data.length) {
                throw new CorruptJpegException("data ends before the first scan (offset " + pos + ")");
            }
            int marker = data[pos++] & 0xFF;
            int markerAt = pos - 2;
            if (marker == 0xD8) {
                throw new CorruptJpegException("second SOI marker at offset " + markerAt);
            }
            if (marker == 0xD9) {
                throw new UnsupportedJpegException("EOI before any scan (tables-only stream)");
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                throw new UnsupportedJpegException(String.format("marker 0x%02X before the first scan", marker));
            }
            if (marker == 0) {
                throw new CorruptJpegException("stuffed 0xFF00 outside entropy data at offset " + markerAt);
            }
            if (pos + 2 > data.length) {
                throw new CorruptJpegException(String.format("marker 0x%02X at offset %d truncated", marker, markerAt));
            }
            int length = u16(data, pos);
            if (length < 2 || pos + length > data.length) {
                throw new CorruptJpegException(String.format("marker 0x%02X at offset %d has length %d but %d bytes"
                        + " remain", marker, markerAt, length, data.length - pos));
            }
            int body = pos + 2;
            int bodyEnd = pos + length;
            pos = bodyEnd;
            switch (marker) {
                case 0xC0, 0xC1 -> {
                    if (ids != null) {
                        throw new CorruptJpegException("second frame header at offset " + markerAt);
                    }
                    if (length < 8) {
                        throw new CorruptJpegException("frame header at offset " + markerAt + " too short");
                    }
                    int precision = data[body] & 0xFF;
                    height = u16(data, body + 1);
                    width = u16(data, body + 3);
                    int n = data[body + 5] & 0xFF;
                    if (precision != 8) {
                        throw new UnsupportedJpegException(precision + "-bit samples");
                    }
                    if (height == 0) {
                        throw new UnsupportedJpegException("height defined by a DNL marker");
                    }
                    if (width == 0 || n == 0) {
                        throw new CorruptJpegException("frame header declares an empty image");
                    }
                    if (length != 8 + 3 * n) {
                        throw new CorruptJpegException("frame header length " + length + " does not fit " + n
                                + " components");
                    }
                    ids = new int[n];
                    hs = new int[n];
                    vs = new int[n];
                    tqs = new int[n];
                    for (int i = 0; i < n; i++) {
                        int p = body + 6 + 3 * i;
                        ids[i] = data[p] & 0xFF;
                        hs[i] = (data[p + 1] & 0xFF) >> 4;
                        vs[i] = data[p + 1] & 15;
                        tqs[i] = data[p + 2] & 0xFF;
                        if (hs[i] < 1 || hs[i] > 4 || vs[i] < 1 || vs[i] > 4) {
                            throw new CorruptJpegException("bad sampling factors " + hs[i] + "x" + vs[i]
                                    + " for component " + i);
                        }
                        if (tqs[i] > 3) {
                            throw new CorruptJpegException("component " + i + " uses quantization table " + tqs[i]);
                        }
                    }
                    checkSupportedLayout(n, hs, vs, ids);
                }
                case 0xC2, 0xC6, 0xCA, 0xCE -> throw new UnsupportedJpegException(String.format(
                        "progressive JPEG (SOF%d)", marker - 0xC0));
                case 0xC3, 0xC5, 0xC7, 0xC9, 0xCB, 0xCD, 0xCF -> throw new UnsupportedJpegException(String.format(
                        "JPEG process SOF%d (lossless, hierarchical or arithmetic)", marker - 0xC0));
                case 0xCC -> throw new UnsupportedJpegException("arithmetic coding (DAC)");
                case 0xC4 -> readHuffmanTables(data, body, bodyEnd, huffCounts, huffValues, markerAt);
                case 0xDB -> readQuantTables(data, body, bodyEnd, quant, markerAt);
                case 0xDD -> {
                    if (length != 4) {
                        throw new CorruptJpegException("DRI segment at offset " + markerAt + " has length " + length);
                    }
                    restart = u16(data, body);
                }
                case 0xDA -> {
                    if (ids == null) {
                        throw new CorruptJpegException("scan at offset " + markerAt + " before any frame header");
                    }
                    JpegHeader.Component[] comps = readScan(data, body, length, ids, hs, vs, tqs, quant, huffCounts,
                            huffValues, markerAt);
                    return new JpegHeader(width, height, comps, restart, bodyEnd);
                }
                case 0xDC -> throw new UnsupportedJpegException("DNL marker");
                default -> {
                    if (!(marker >= 0xE0 && marker <= 0xEF) && marker != 0xFE) {
                        throw new UnsupportedJpegException(String.format("marker 0x%02X", marker));
                    }
                }
            }
        }
    }

    private static void checkSupportedLayout(int n, int[] hs, int[] vs, int[] ids) throws UnsupportedJpegException {
        if (n == 1) {
            return;
        }
        if (n != 3) {
            throw new UnsupportedJpegException(n + " components");
        }
        if (hs[0] > 2 || vs[0] > 2 || hs[1] != 1 || vs[1] != 1 || hs[2] != 1 || vs[2] != 1) {
            throw new UnsupportedJpegException("sampling factors " + hs[0] + "x" + vs[0] + ", " + hs[1] + "x" + vs[1]
                    + ", " + hs[2] + "x" + vs[2]);
        }
        if (ids[0] == ids[1] || ids[0] == ids[2] || ids[1] == ids[2]) {
            throw new UnsupportedJpegException("duplicate component ids");
        }
    }

    private static JpegHeader.Component[] readScan(byte[] data, int body, int length, int[] ids, int[] hs, int[] vs,
            int[] tqs, int[][] quant, int[][] huffCounts, int[][] huffValues, int markerAt)
            throws UnsupportedJpegException, CorruptJpegException {
        int ns = data[body] & 0xFF;
        if (ns < 1 || ns > 4 || length != 6 + 2 * ns) {
            throw new CorruptJpegException("scan header at offset " + markerAt + " has length " + length + " for "
                    + ns + " components");
        }
        if (ns != ids.length) {
            throw new UnsupportedJpegException("non-interleaved scan (" + ns + " of " + ids.length + " components)");
        }
        int p = body + 1 + 2 * ns;
        int ss = data[p] & 0xFF;
        int se = data[p + 1] & 0xFF;
        int ahal = data[p + 2] & 0xFF;
        if (ss != 0 || se != 63 || ahal != 0) {
            throw new UnsupportedJpegException("scan is not sequential (Ss=" + ss + ", Se=" + se + ", AhAl=" + ahal
                    + ")");
        }
        JpegHeader.Component[] comps = new JpegHeader.Component[ns];
        HuffmanTable[] built = new HuffmanTable[8];
        for (int i = 0; i < ns; i++) {
            int id = data[body + 1 + 2 * i] & 0xFF;
            int tables = data[body + 2 + 2 * i] & 0xFF;
            if (id != ids[i]) {
                throw new UnsupportedJpegException("scan component order differs from the frame");
            }
            int[] q = quant[tqs[i]];
            if (q == null) {
                throw new CorruptJpegException("quantization table " + tqs[i] + " is not defined");
            }
            HuffmanTable dc = table(tables >> 4, false, huffCounts, huffValues, built);
            HuffmanTable ac = table(tables & 15, true, huffCounts, huffValues, built);
            // one component per scan: an MCU is a single block whatever the sampling factors say
            comps[i] = ns == 1 ? new JpegHeader.Component(id, 1, 1, q, dc, ac)
                    : new JpegHeader.Component(id, hs[i], vs[i], q, dc, ac);
        }
        return comps;
    }

    private static HuffmanTable table(int index, boolean ac, int[][] counts, int[][] values, HuffmanTable[] built)
            throws CorruptJpegException {
        String kind = ac ? "AC" : "DC";
        if (index > 3 || counts[(ac ? 4 : 0) + index] == null) {
            throw new CorruptJpegException(kind + " Huffman table " + index + " is not defined");
        }
        int slot = (ac ? 4 : 0) + index;
        if (built[slot] == null) {
            built[slot] = HuffmanTable.cached(counts[slot], values[slot], ac);
        }
        return built[slot];
    }

    private static void readHuffmanTables(byte[] data, int p, int end, int[][] counts, int[][] values, int markerAt)
            throws CorruptJpegException {
        while (end - p > 16) {
            int tc = data[p] & 0xFF;
            int[] c = new int[17];
            int total = 0;
            for (int i = 1; i <= 16; i++) {
                c[i] = data[p + i] & 0xFF;
                total += c[i];
            }
            p += 17;
            if (total > 256 || total > end - p) {
                throw new CorruptJpegException("bad Huffman table definition in DHT at offset " + markerAt);
            }
            int[] v = new int[total];
            for (int i = 0; i < total; i++) {
                v[i] = data[p + i] & 0xFF;
            }
            p += total;
            int index = (tc & 0x10) != 0 ? tc - 0x10 : tc;
            if (index < 0 || index > 3) {
                throw new CorruptJpegException("bad Huffman table index 0x" + Integer.toHexString(tc) + " in DHT at"
                        + " offset " + markerAt);
            }
            int slot = ((tc & 0x10) != 0 ? 4 : 0) + index;
            counts[slot] = c;
            values[slot] = v;
        }
        if (p != end) {
            throw new CorruptJpegException("DHT segment at offset " + markerAt + " has a bad length");
        }
    }

    private static void readQuantTables(byte[] data, int p, int end, int[][] quant, int markerAt)
            throws CorruptJpegException {
        while (p < end) {
            int pqTq = data[p++] & 0xFF;
            int tq = pqTq & 15;
            boolean sixteen = (pqTq >> 4) != 0;
            if (tq > 3) {
                throw new CorruptJpegException("bad quantization table index " + tq + " in DQT at offset "
                        + markerAt);
            }
            if (end - p < (sixteen ? 128 : 64)) {
                throw new CorruptJpegException("DQT segment at offset " + markerAt + " has a bad length");
            }
            int[] q = new int[64];
            for (int k = 0; k < 64; k++) {
                int v = sixteen ? u16(data, p + 2 * k) : data[p + k] & 0xFF;
                q[ZigZag.NATURAL_ORDER[k]] = v;
            }
            p += sixteen ? 128 : 64;
            quant[tq] = q;
        }
    }

    private static int u16(byte[] d, int p) {
        return ((d[p] & 0xFF) << 8) | (d[p + 1] & 0xFF);
    }
}
