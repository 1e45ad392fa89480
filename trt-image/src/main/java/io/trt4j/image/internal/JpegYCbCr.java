package io.trt4j.image.internal;

import io.trt4j.image.RgbImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * The JPEG fast path: which files hold plain YCbCr, and libjpeg's YCbCr → RGB conversion in Java.
 *
 * <p>{@code ImageReader.read} colour-manages JPEGs that embed an ICC profile (most camera and phone photos): through
 * the CMM that doubles the decode time (measured: 12 ms → 5.3 ms for the 768×576 fixture {@code dog.jpg}).
 * {@code ImageReader.readRaster} hands out the decoded, upsampled YCbCr samples instead, and converting those with
 * libjpeg's own fixed-point tables ({@code jdcolor.c}: 16 fraction bits, round-half-up constants) gives exactly the
 * bytes that {@code read} (and Pillow, OpenCV) give without colour management: checked bit for bit on every JPEG
 * fixture.
 *
 * <p>Thread-safety: stateless; the tables are immutable.
 */
public final class JpegYCbCr {
    /** Offset of index 0 in {@link #CLAMP}: sums reach -227 (blue) and 480. */
    private static final int CLAMP_OFFSET = 384;
    /** {@code CLAMP[v + CLAMP_OFFSET] = clamp(v, 0, 255)} as a byte, for v in -384..639. */
    private static final byte[] CLAMP = new byte[1024];
    /**
     * libjpeg's {@code build_ycc_rgb_table} terms per Cb or Cr value, with {@link #CLAMP_OFFSET} folded into the red,
     * blue and green sums (green's scaled by 2^16: a multiple of 2^16 keeps its shift exact).
     */
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < CLAMP.length; i++) {
            int v = i - CLAMP_OFFSET;
            CLAMP[i] = (byte) (v < 0 ? 0 : Math.min(v, 255));
        }
        // FIX(x) = (int) (x * 65536 + 0.5), ONE_HALF = 1 << 15, as libjpeg's build_ycc_rgb_table.
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = ((91881 * x + 32768) >> 16) + CLAMP_OFFSET;   // 1.40200
            CB_B[i] = ((116130 * x + 32768) >> 16) + CLAMP_OFFSET;  // 1.77200
            CR_G[i] = -46802 * x;                                   // 0.71414
            CB_G[i] = -22554 * x + 32768 + (CLAMP_OFFSET << 16);    // 0.34414, with the rounding half folded in
        }
    }

    private JpegYCbCr() {
    }

    /**
     * Whether a JPEG stream holds three 8-bit YCbCr components by the same rules libjpeg applies (a JFIF marker; or
     * no Adobe marker and component ids 1, 2, 3; or an Adobe marker with transform 1). Anything else (gray, RGB,
     * CMYK/YCCK, 12-bit, no frame header found) answers false and takes the regular path.
     *
     * @param data the whole file
     */
    public static boolean isPlainYCbCr(byte[] data) {
        boolean jfif = false;
        int adobeTransform = -1;
        int i = 2;
        while (i + 4 <= data.length) {
            if ((data[i] & 0xFF) != 0xFF) {
                return false;
            }
            int marker = data[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            int length = ((data[i + 2] & 0xFF) << 8) | (data[i + 3] & 0xFF);
            int body = i + 4;
            if (length < 2 || body + length - 2 > data.length) {
                return false;
            }
            if (marker == 0xE0 && length >= 7 && data[body] == 'J' && data[body + 1] == 'F' && data[body + 2] == 'I'
                    && data[body + 3] == 'F' && data[body + 4] == 0) {
                jfif = true;
            } else if (marker == 0xEE && length >= 14 && data[body] == 'A' && data[body + 1] == 'd'
                    && data[body + 2] == 'o' && data[body + 3] == 'b' && data[body + 4] == 'e') {
                adobeTransform = data[body + 11] & 0xFF;
            } else if (isFrameHeader(marker)) {
                if (length < 8 + 3 * 3 || (data[body] & 0xFF) != 8 || (data[body + 5] & 0xFF) != 3) {
                    return false;
                }
                int id1 = data[body + 6] & 0xFF;
                int id2 = data[body + 9] & 0xFF;
                int id3 = data[body + 12] & 0xFF;
                if (adobeTransform >= 0) {
                    return adobeTransform == 1;
                }
                return jfif || (id1 == 1 && id2 == 2 && id3 == 3);
            } else if (marker == 0xDA || marker == 0xD9) {
                return false; // scan before any frame header: not a stream we understand
            }
            i = body + length - 2;
        }
        return false;
    }

    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /**
     * Converts a 3-band YCbCr raster from {@code ImageReader.readRaster} into interleaved RGB.
     *
     * @param ycc 8-bit Y, Cb, Cr samples in [0, 255]
     * @return HWC RGB uint8 pixels of the raster's size
     */
    public static RgbImage toRgb(Raster ycc) {
        int w = ycc.getWidth();
        int h = ycc.getHeight();
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        if (ycc.getSampleModel() instanceof PixelInterleavedSampleModel sm && ycc.getDataBuffer() instanceof DataBufferByte db
                && db.getNumBanks() == 1 && sm.getNumBands() == 3) {
            byte[] src = db.getData();
            int pixelStride = sm.getPixelStride();
            int rowStride = sm.getScanlineStride();
            int[] offsets = sm.getBandOffsets();
            int base = db.getOffset() - ycc.getSampleModelTranslateY() * rowStride
                    - ycc.getSampleModelTranslateX() * pixelStride;
            int o = 0;
            for (int y = 0; y < h; y++) {
                int p = base + y * rowStride;
                for (int x = 0; x < w; x++, p += pixelStride, o += 3) {
                    convert(src[p + offsets[0]] & 0xFF, src[p + offsets[1]] & 0xFF, src[p + offsets[2]] & 0xFF, out, o);
                }
            }
        } else {
            int[] row = new int[w * 3];
            int o = 0;
            for (int y = 0; y < h; y++) {
                ycc.getPixels(ycc.getMinX(), ycc.getMinY() + y, w, 1, row);
                for (int x = 0; x < w; x++, o += 3) {
                    convert(row[3 * x], row[3 * x + 1], row[3 * x + 2], out, o);
                }
            }
        }
        return RgbImage.wrap(w, h, out);
    }

    /**
     * Converts one row of separate Y, Cb, Cr sample rows (unsigned bytes 0..255) into interleaved RGB bytes (0..255),
     * with the same tables as {@link #toRgb}.
     *
     * @param width pixels to convert; {@code out} receives {@code 3 * width} bytes from {@code outOff}
     */
    public static void toRgbRow(byte[] y, int yOff, byte[] cb, int cbOff, byte[] cr, int crOff, int width, byte[] out,
            int outOff) {
        for (int x = 0, o = outOff; x < width; x++, o += 3) {
            convert(y[yOff + x] & 0xFF, cb[cbOff + x] & 0xFF, cr[crOff + x] & 0xFF, out, o);
        }
    }

    /**
     * Converts rows of Y, Cb, Cr values (ints 0..255) into R, G, B rows (ints 0..255) with libjpeg's arithmetic, the
     * same values as {@link #toRgbRow} gives for the same samples: {@code R = Y + ((91881 (Cr - 128) + 2^15) >> 16)},
     * {@code G = Y + ((-22554 (Cb - 128) - 46802 (Cr - 128) + 2^15) >> 16)},
     * {@code B = Y + ((116130 (Cb - 128) + 2^15) >> 16)}, each clamped to 0..255. Plain int arithmetic (no tables), so
     * that the JIT vectorises the loop.
     *
     * @param from first index converted
     * @param to   end index (exclusive); the arrays hold at least {@code to} values
     */
    public static void toRgbInts(int[] y, int[] cb, int[] cr, int from, int to, int[] r, int[] g, int[] b) {
        for (int x = from; x < to; x++) {
            int yy = y[x];
            int u = cb[x] - 128;
            int v = cr[x] - 128;
            r[x] = Math.min(Math.max(yy + ((91881 * v + 32768) >> 16), 0), 255);
            g[x] = Math.min(Math.max(yy + ((-22554 * u - 46802 * v + 32768) >> 16), 0), 255);
            b[x] = Math.min(Math.max(yy + ((116130 * u + 32768) >> 16), 0), 255);
        }
    }

    private static void convert(int y, int cb, int cr, byte[] out, int o) {
        out[o] = CLAMP[(y + CR_R[cr]) & 1023];
        out[o + 1] = CLAMP[(y + ((CB_G[cb] + CR_G[cr]) >> 16)) & 1023];
        out[o + 2] = CLAMP[(y + CB_B[cb]) & 1023];
    }
}
