package io.trt4j.image.internal.jpeg;

import io.trt4j.image.RgbImage;
import io.trt4j.image.internal.JpegYCbCr;

/**
 * Decodes a baseline JPEG (see the package description for what is supported) to {@link RgbImage} (HWC RGB uint8,
 * 0..255; gray as R = G = B), bit for bit as the JDK's javax.imageio decoder (libjpeg) followed by libjpeg's
 * YCbCr to RGB conversion ({@link JpegYCbCr}), optionally scaled by 1/2, 1/4 or 1/8 in the DCT domain as libjpeg's
 * {@code scale_denom}: the output is {@code ceil(width / d) x ceil(height / d)} ({@link #scaledSize}) and equals what
 * libjpeg produces with {@code scale_num = 1, scale_denom = d} (ISLOW IDCT, fancy upsampling on; checked against
 * libjpeg-turbo through Pillow's {@code draft}).
 *
 * <p>Use: {@link #readHeader} (cheap: markers only, e.g. to check the size against a pixel limit), then
 * {@link #decode(byte[], JpegHeader, int)}.
 *
 * <p>Thread-safety: stateless; every call allocates its own buffers, so calls may run concurrently.
 */
public final class JpegDecoder {
    private JpegDecoder() {
    }

    /**
     * Parses the markers up to the first scan.
     *
     * @param data a whole JPEG file
     * @throws UnsupportedJpegException if the stream uses a feature this decoder lacks (decode it another way)
     * @throws CorruptJpegException     if the header is damaged or truncated
     */
    public static JpegHeader readHeader(byte[] data) throws UnsupportedJpegException, CorruptJpegException {
        JpegHeader header = JpegHeaderParser.parse(data);
        if (header.componentCount() == 3 && !JpegYCbCr.isPlainYCbCr(data)) {
            throw new UnsupportedJpegException("three components that are not YCbCr (RGB, or no JFIF/Adobe marker and"
                    + " unusual component ids)");
        }
        if (header.componentCount() == 1 && hasIccProfile(data, header.scanStart)) {
            throw new UnsupportedJpegException("grayscale JPEG with an embedded ICC profile");
        }
        return header;
    }

    /** libjpeg's output size for one side at scale {@code 1 / denominator}: {@code ceil(size / denominator)}. */
    public static int scaledSize(int size, int denominator) {
        return (int) (((long) size + denominator - 1) / denominator);
    }

    /**
     * Decodes the image.
     *
     * @param header      from {@link #readHeader} of the same {@code data}
     * @param denominator 1 (full size), 2, 4 or 8
     * @param fancyH1v2   how to upsample 4:4:0 chroma (luma 1x2): true for libjpeg-turbo's vertical triangle filter,
     *                    false for IJG libjpeg 6b's row replication; pick the libjpeg the JDK uses (see
     *                    {@link io.trt4j.image.internal.JdkJpegFlavor}) to get its bytes
     * @return HWC RGB uint8 pixels of {@code scaledSize(width, d) x scaledSize(height, d)}
     * @throws UnsupportedJpegException for a stream this decoder leaves to javax.imageio (found after the header)
     * @throws CorruptJpegException     if the entropy-coded data is damaged or truncated; the message names the MCU row
     */
    public static RgbImage decode(byte[] data, JpegHeader header, int denominator, boolean fancyH1v2)
            throws UnsupportedJpegException, CorruptJpegException {
        return decode(data, header, denominator, fancyH1v2, true);
    }

    /**
     * Whether decoding uses the Vector API kernels (the full-size IDCT and the YCbCr to RGB conversion), and why (or
     * why not): {@code "on (...)"} or {@code "off: ..."}. They are on when the JVM runs with
     * {@code --add-modules jdk.incubator.vector} (on a CPU with 256-bit vectors) unless
     * {@code -Dtrt4j.image.vector=false}; decoded bytes are the same either way.
     */
    public static String vectorStatus() {
        return VectorKernels.REASON;
    }

    /**
     * {@link #decode(byte[], JpegHeader, int, boolean)}; {@code vector = false} keeps the scalar IDCT and colour
     * conversion where the Vector API ones are enabled.
     */
    static RgbImage decode(byte[] data, JpegHeader header, int denominator, boolean fancyH1v2, boolean vector)
            throws UnsupportedJpegException, CorruptJpegException {
        if (denominator != 1 && denominator != 2 && denominator != 4 && denominator != 8) {
            throw new IllegalArgumentException("scale denominator must be 1, 2, 4 or 8, got " + denominator);
        }
        int minSize = 8 / denominator;
        JpegHeader.Component[] comps = header.components;
        int n = comps.length;
        int[] blockSize = new int[n];
        for (int c = 0; c < n; c++) {
            // as libjpeg's jpeg_calc_output_dimensions: scale subsampled components up in the IDCT when possible
            int s = minSize;
            while (s < 8 && comps[c].h() * s * 2 <= header.maxH * minSize
                    && comps[c].v() * s * 2 <= header.maxV * minSize) {
                s *= 2;
            }
            blockSize[c] = s;
        }
        ScanDecoder scan = new ScanDecoder(data, header, blockSize, vector);
        int outW = scaledSize(header.width(), denominator);
        int outH = scaledSize(header.height(), denominator);
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(outW, outH), 3)];
        if (n == 1) {
            scan.decode();
            grayToRgb(scan.planes[0], scan.planeWidth[0], outW, outH, out);
        } else {
            PlaneConverter converter;
            try {
                converter = new PlaneConverter(header, blockSize, minSize, scan.planes, scan.planeWidth, outW, outH,
                        fancyH1v2, out, vector);
            } catch (UnsupportedJpegException e) {
                scan.decode(); // corrupt data is reported first, as when converting after the whole scan
                throw e;
            }
            // convert each band of output rows one MCU row behind the scan: vertical fancy upsampling of a band's
            // last row reads the first chroma row of the next MCU row
            int bandRows = header.maxV * minSize;
            scan.decode(done -> converter.convertUpTo((done - 1) * bandRows));
            converter.convertUpTo(outH);
        }
        return RgbImage.wrap(outW, outH, out);
    }

    private static void grayToRgb(byte[] plane, int stride, int w, int h, byte[] out) {
        int o = 0;
        for (int y = 0; y < h; y++) {
            int p = y * stride;
            for (int x = 0; x < w; x++, o += 3) {
                byte v = plane[p + x];
                out[o] = v;
                out[o + 1] = v;
                out[o + 2] = v;
            }
        }
    }

    private static boolean hasIccProfile(byte[] data, int end) {
        byte[] tag = {'I', 'C', 'C', '_', 'P', 'R', 'O', 'F', 'I', 'L', 'E', 0};
        int pos = 2;
        while (pos + 4 <= end && data[pos] == (byte) 0xFF) {
            int marker = data[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            int length = ((data[pos + 2] & 0xFF) << 8) | (data[pos + 3] & 0xFF);
            if (marker == 0xE2 && length >= 2 + tag.length && pos + 4 + tag.length <= data.length) {
                boolean match = true;
                for (int i = 0; i < tag.length && match; i++) {
                    match = data[pos + 4 + i] == tag[i];
                }
                if (match) {
                    return true;
                }
            }
            if (marker == 0xDA) {
                return false;
            }
            pos += 2 + length;
        }
        return false;
    }
}
