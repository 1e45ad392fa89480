package io.trt4j.image.internal.jpeg;

import io.trt4j.image.RgbImage;
import io.trt4j.image.internal.JpegYCbCr;
import io.trt4j.image.internal.ScratchArrays;

/**
 * Decodes a baseline JPEG (see the package description for what is supported) to {@link RgbImage} (HWC RGB uint8,
 * 0..255; gray as R = G = B), bit for bit as the JDK's javax.imageio decoder (libjpeg) followed by libjpeg's
 * YCbCr to RGB conversion ({@link JpegYCbCr}), optionally scaled by {@code M / 8} (M = 1..7) in the DCT domain as
 * libjpeg-turbo's {@code scale_num = M, scale_denom = 8}: the output is {@code ceil(width * M / 8) x
 * ceil(height * M / 8)} ({@link #scaledSizeByEighths}) and equals, byte for byte, what libjpeg-turbo 2.1 produces
 * with its defaults (ISLOW IDCT, fancy upsampling on; checked against its {@code djpeg -scale M/8}). The
 * power-of-two scales 1/2, 1/4, 1/8 ({@link #decode(byte[], JpegHeader, int, boolean)}, {@link #scaledSize}) are
 * also IJG libjpeg 6b's, the others only libjpeg-turbo's (and IJG libjpeg 7 and later).
 *
 * <p>Scaled decoding as {@code jdmaster.c}: luma (and grayscale) blocks go through an M x M IDCT of their top-left
 * M x M coefficients; a subsampled chroma component gets an IDCT twice as large in both directions (repeatedly,
 * while below 8) when libjpeg's test {@code (maxSampling * M) % (sampling * size * 2) == 0} holds for both
 * directions, so 4:2:0 chroma becomes 2M x 2M samples per block (10, 12, 14 for M = 5, 6, 7) and needs no
 * upsampling, while 4:2:2 and 4:4:0 chroma stay M x M and are upsampled as at full size ({@code jdsample.c}: fancy
 * unless M = 1; see {@link ChromaUpsampler}).
 *
 * <p>Use: {@link #readHeader} (cheap: markers only, e.g. to check the size against a pixel limit), then
 * {@link #decodeScaled} or {@link #decode(byte[], JpegHeader, int, boolean)}.
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

    /** The denominator of {@link #decodeScaled}'s scale {@code scaleNum / 8}: libjpeg's {@code DCTSIZE}. */
    public static final int SCALE_DENOMINATOR = 8;

    /** libjpeg's output size for one side at scale {@code 1 / denominator}: {@code ceil(size / denominator)}. */
    public static int scaledSize(int size, int denominator) {
        return (int) (((long) size + denominator - 1) / denominator);
    }

    /**
     * libjpeg's output size for one side at scale {@code scaleNum / 8} ({@code jdmaster.c}'s
     * {@code jdiv_round_up(size * scaleNum, DCTSIZE)}): {@code ceil(size * scaleNum / 8)}; for {@code scaleNum = 8 / d}
     * the same as {@link #scaledSize scaledSize(size, d)}.
     */
    public static int scaledSizeByEighths(int size, int scaleNum) {
        return (int) (((long) size * scaleNum + SCALE_DENOMINATOR - 1) / SCALE_DENOMINATOR);
    }

    /**
     * Decodes the image at scale {@code 1 / denominator}: {@link #decodeScaled} with
     * {@code scaleNum = 8 / denominator}.
     *
     * @param header      from {@link #readHeader} of the same {@code data}
     * @param denominator 1 (full size), 2, 4 or 8
     * @param fancyH1v2   as {@link #decodeScaled}
     * @return HWC RGB uint8 pixels (0..255; gray as R = G = B) of {@code scaledSize(width, d) x scaledSize(height, d)}
     * @throws UnsupportedJpegException as {@link #decodeScaled}
     * @throws CorruptJpegException     as {@link #decodeScaled}
     */
    public static RgbImage decode(byte[] data, JpegHeader header, int denominator, boolean fancyH1v2)
            throws UnsupportedJpegException, CorruptJpegException {
        return decode(data, header, denominator, fancyH1v2, true);
    }

    /**
     * Whether decoding uses the Vector API kernels (the IDCTs, fancy upsampling and the YCbCr to RGB conversion), and
     * why (or why not): {@code "on (...)"} or {@code "off: ..."}. They are on when the JVM runs with
     * {@code --add-modules jdk.incubator.vector} (on a CPU with 256-bit vectors) unless
     * {@code -Dtrt4j.image.vector=false}, and if their self-check (at the first decode) gives the scalar kernels'
     * bytes; decoded bytes are the same either way. With them, a fresh JVM's first decodes are slow (vector code runs
     * hundreds of times slower until C1 and C2 have compiled it: about a second for the first 768x576 photo, full
     * speed after two to three seconds on one core); {@code Preprocessor#warmUp} takes that cost before a service
     * starts.
     */
    public static String vectorStatus() {
        return VectorKernels.REASON;
    }

    /**
     * {@link #decode(byte[], JpegHeader, int, boolean)}; {@code vector = false} keeps the scalar IDCT and colour
     * conversion where the Vector API ones are enabled ({@code true} gets them where
     * {@link VectorKernels#ENABLED}).
     */
    static RgbImage decode(byte[] data, JpegHeader header, int denominator, boolean fancyH1v2, boolean vector)
            throws UnsupportedJpegException, CorruptJpegException {
        if (denominator != 1 && denominator != 2 && denominator != 4 && denominator != 8) {
            throw new IllegalArgumentException("scale denominator must be 1, 2, 4 or 8, got " + denominator);
        }
        return decodeScaled(data, header, SCALE_DENOMINATOR / denominator, fancyH1v2, vector);
    }

    /**
     * Decodes the image at scale {@code scaleNum / 8}, as libjpeg-turbo with {@code scale_num = scaleNum},
     * {@code scale_denom = 8}.
     *
     * @param header    from {@link #readHeader} of the same {@code data}
     * @param scaleNum  1..8 (8 is full size)
     * @param fancyH1v2 how to upsample 4:4:0 chroma (luma 1x2): true for libjpeg-turbo's vertical triangle filter,
     *                  false for IJG libjpeg 6b's row replication; pick the libjpeg the JDK uses (see
     *                  {@link io.trt4j.image.internal.JdkJpegFlavor}) to get its bytes. At scales other than 1/8, 2/8,
     *                  4/8 and 8/8 only libjpeg-turbo's (true) is a libjpeg result.
     * @return HWC RGB uint8 pixels (0..255; gray as R = G = B) of
     *         {@code scaledSizeByEighths(width, scaleNum) x scaledSizeByEighths(height, scaleNum)}
     * @throws UnsupportedJpegException for a stream this decoder leaves to javax.imageio (found after the header)
     * @throws CorruptJpegException     if the entropy-coded data is damaged or truncated; the message names the MCU row
     */
    public static RgbImage decodeScaled(byte[] data, JpegHeader header, int scaleNum, boolean fancyH1v2)
            throws UnsupportedJpegException, CorruptJpegException {
        return decodeScaled(data, header, scaleNum, fancyH1v2, true);
    }

    /**
     * {@link #decodeScaled(byte[], JpegHeader, int, boolean)}; {@code vector = false} keeps the scalar IDCT,
     * upsampling and colour conversion where the Vector API ones are enabled.
     */
    static RgbImage decodeScaled(byte[] data, JpegHeader header, int scaleNum, boolean fancyH1v2, boolean vector)
            throws UnsupportedJpegException, CorruptJpegException {
        return decodeScaled(data, header, scaleNum, fancyH1v2, vector, null);
    }

    /**
     * {@link #decodeScaled(byte[], JpegHeader, int, boolean)} with the component planes and the returned image's
     * pixels taken from {@code scratch} (the planes are given back before returning; the caller gives the pixels
     * back once it no longer uses the image), for a caller that preprocesses image after image on one thread.
     *
     * @param scratch this thread's spare arrays, or null for new arrays (as the overload without it)
     */
    public static RgbImage decodeScaled(byte[] data, JpegHeader header, int scaleNum, boolean fancyH1v2,
            ScratchArrays scratch) throws UnsupportedJpegException, CorruptJpegException {
        return decodeScaled(data, header, scaleNum, fancyH1v2, true, scratch);
    }

    private static RgbImage decodeScaled(byte[] data, JpegHeader header, int scaleNum, boolean fancyH1v2,
            boolean vector, ScratchArrays scratch) throws UnsupportedJpegException, CorruptJpegException {
        if (scaleNum < 1 || scaleNum > SCALE_DENOMINATOR) {
            throw new IllegalArgumentException("scale numerator must be 1..8 (scale M/8), got " + scaleNum);
        }
        JpegHeader.Component[] comps = header.components;
        int n = comps.length;
        int[] blockSize = new int[n];
        for (int c = 0; c < n; c++) {
            blockSize[c] = idctSize(header.maxH, header.maxV, comps[c].h(), comps[c].v(), scaleNum);
        }
        ScanDecoder scan = new ScanDecoder(data, header, blockSize, vector, scratch);
        int outW = scaledSizeByEighths(header.width(), scaleNum);
        int outH = scaledSizeByEighths(header.height(), scaleNum);
        int outBytes = Math.multiplyExact(Math.multiplyExact(outW, outH), 3);
        byte[] out = scratch == null ? new byte[outBytes] : scratch.bytes(outBytes); // every byte is written
        if (n == 1) {
            scan.decode();
            grayToRgb(scan.planes[0], scan.planeWidth[0], outW, outH, out);
        } else {
            PlaneConverter converter;
            try {
                converter = new PlaneConverter(header, blockSize, scaleNum, scan.planes, scan.planeWidth, outW, outH,
                        fancyH1v2, out, scan.vectorKernels());
            } catch (UnsupportedJpegException e) {
                scan.decode(); // corrupt data is reported first, as when converting after the whole scan
                throw e;
            }
            // convert each band of output rows one MCU row behind the scan: vertical fancy upsampling of a band's
            // last row reads the first chroma row of the next MCU row
            int bandRows = header.maxV * scaleNum;
            scan.decode(done -> converter.convertUpTo((done - 1) * bandRows));
            converter.convertUpTo(outH);
        }
        if (scratch != null) {
            for (byte[] plane : scan.planes) {
                scratch.give(plane);
            }
        }
        return RgbImage.wrap(outW, outH, out);
    }

    /**
     * Decodes the image at scale {@code scaleNum / 8} to its component planes, without chroma upsampling or colour
     * conversion: every component's blocks go through the {@code scaleNum x scaleNum} IDCT (libjpeg-turbo's, the
     * same samples as its luma at that scale), so subsampled chroma keeps its own resolution (half the luma's for
     * 4:2:0 along both axes) instead of being enlarged by a larger IDCT or by upsampling. The luma plane equals the
     * luma that {@link #decodeScaled} converts; chroma differs from its (enlarged) chroma by construction.
     *
     * @param header   from {@link #readHeader} of the same {@code data}
     * @param scaleNum 1..8 (8 is full size)
     * @param scratch  where the planes come from (they go back with {@link JpegPlanes#release}), or null for new
     *                 arrays
     * @return the image's {@code scaledSizeByEighths(width, scaleNum) x scaledSizeByEighths(height, scaleNum)}
     *         geometry and its 1 or 3 planes
     * @throws UnsupportedJpegException for a stream this decoder leaves to javax.imageio (found after the header)
     * @throws CorruptJpegException     if the entropy-coded data is damaged or truncated; the message names the MCU row
     */
    public static JpegPlanes decodePlanes(byte[] data, JpegHeader header, int scaleNum, ScratchArrays scratch)
            throws UnsupportedJpegException, CorruptJpegException {
        if (scaleNum < 1 || scaleNum > SCALE_DENOMINATOR) {
            throw new IllegalArgumentException("scale numerator must be 1..8 (scale M/8), got " + scaleNum);
        }
        JpegHeader.Component[] comps = header.components;
        int n = comps.length;
        int[] blockSize = new int[n];
        java.util.Arrays.fill(blockSize, scaleNum);
        ScanDecoder scan = new ScanDecoder(data, header, blockSize, true, scratch);
        try {
            scan.decode();
        } catch (UnsupportedJpegException | CorruptJpegException | RuntimeException e) {
            if (scratch != null) {
                for (byte[] plane : scan.planes) {
                    scratch.give(plane);
                }
            }
            throw e;
        }
        int[] planeW = new int[n];
        int[] planeH = new int[n];
        double[] xRatio = new double[n];
        double[] yRatio = new double[n];
        for (int c = 0; c < n; c++) {
            planeW[c] = componentSize(header.width(), comps[c].h(), header.maxH, scaleNum);
            planeH[c] = componentSize(header.height(), comps[c].v(), header.maxV, scaleNum);
            xRatio[c] = (double) comps[c].h() / header.maxH;
            yRatio[c] = (double) comps[c].v() / header.maxV;
        }
        return new JpegPlanes(scaledSizeByEighths(header.width(), scaleNum),
                scaledSizeByEighths(header.height(), scaleNum), scan.planes, scan.planeWidth.clone(), planeW, planeH,
                xRatio, yRatio, scratch);
    }

    /**
     * A component's real extent in samples along one axis (libjpeg's {@code downsampled_width/height}):
     * {@code ceil(imageSize * sampling * blockSize / (maxSampling * 8))}.
     *
     * @param blockSize the component's samples per block side after the IDCT
     */
    static int componentSize(int imageSize, int sampling, int maxSampling, int blockSize) {
        return (int) (((long) imageSize * sampling * blockSize + maxSampling * 8L - 1) / (maxSampling * 8L));
    }

    /**
     * A component's IDCT output size (libjpeg's {@code DCT_scaled_size}) at scale {@code scaleNum / 8}, as
     * libjpeg-turbo 2.1's {@code jpeg_calc_output_dimensions}: starting from {@code scaleNum}, doubled while below 8
     * and {@code (maxH * scaleNum) % (h * size * 2) == 0} and the same vertically, so that subsampled components are
     * enlarged by the IDCT rather than by upsampling where the ratios allow it.
     */
    static int idctSize(int maxH, int maxV, int h, int v, int scaleNum) {
        int size = scaleNum;
        while (size < SCALE_DENOMINATOR && (maxH * scaleNum) % (h * size * 2) == 0
                && (maxV * scaleNum) % (v * size * 2) == 0) {
            size *= 2;
        }
        return size;
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
