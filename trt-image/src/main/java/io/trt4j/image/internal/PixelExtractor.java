package io.trt4j.image.internal;

import io.trt4j.image.AlphaPolicy;
import io.trt4j.image.RgbImage;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Copies the pixels of a decoded {@link BufferedImage} into interleaved RGB bytes without colour management: the
 * stored 8-bit samples come out unchanged (as PIL/libpng/libjpeg give them), gray is replicated to R = G = B, higher
 * bit depths are scaled with {@code round(v * 255 / (2^bits - 1))}, palettes are looked up, and alpha follows the
 * {@link AlphaPolicy}. Interleaved byte rasters (the JPEG reader's 3BYTE_BGR, PNG's byte RGB/RGBA/gray) are read
 * straight from their {@link DataBufferByte}; other layouts are read a row at a time through {@link Raster}.
 *
 * <p>Thread-safety: stateless.
 */
public final class PixelExtractor {
    private PixelExtractor() {
    }

    /** Whether a reader's raw image type is 3-band RGB (a YCbCr or RGB JPEG, not gray or CMYK). */
    public static boolean isRgb(javax.imageio.ImageTypeSpecifier raw) {
        return raw != null && raw.getNumBands() == 3 && raw.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_RGB
                && !raw.getColorModel().hasAlpha();
    }

    /** An sRGB image whose raster is one byte array in R, G, B order with no padding, for decoding into. */
    public static BufferedImage rgbDestination(int w, int h) {
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {8, 8, 8},
                false, false, java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_BYTE);
        java.awt.image.WritableRaster r = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, w, h,
                w * 3, 3, new int[] {0, 1, 2}, null);
        return new BufferedImage(cm, r, false, null);
    }

    /** The pixels of an image made by {@link #rgbDestination}, without copying. */
    public static RgbImage wrapRgbDestination(BufferedImage img) {
        return RgbImage.wrap(img.getWidth(), img.getHeight(), ((DataBufferByte) img.getRaster().getDataBuffer()).getData());
    }

    /** Interleaved RGB uint8 pixels of {@code img}. */
    public static RgbImage toRgb(BufferedImage img, AlphaPolicy alpha) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        ColorModel cm = img.getColorModel();
        Raster raster = img.getRaster();
        if (cm instanceof IndexColorModel icm) {
            indexed(raster, icm, alpha, out);
        } else if (cm instanceof ComponentColorModel && isRgbOrGray(cm)) {
            if (!interleavedBytes(raster, cm, alpha, out)) {
                components(raster, cm, alpha, out);
            }
        } else {
            viaGetRgb(img, alpha, out);
        }
        return RgbImage.wrap(w, h, out);
    }

    private static boolean isRgbOrGray(ColorModel cm) {
        int type = cm.getColorSpace().getType();
        int colors = cm.getNumColorComponents();
        return (type == ColorSpace.TYPE_RGB && colors == 3) || (type == ColorSpace.TYPE_GRAY && colors == 1);
    }

    /** Fast path: one byte bank, 8 bits per sample, pixel-interleaved. */
    private static boolean interleavedBytes(Raster raster, ColorModel cm, AlphaPolicy alpha, byte[] out) {
        if (!(raster.getDataBuffer() instanceof DataBufferByte dbb) || dbb.getNumBanks() != 1
                || !(raster.getSampleModel() instanceof ComponentSampleModel sm)) {
            return false;
        }
        for (int bits : cm.getComponentSize()) {
            if (bits != 8) {
                return false;
            }
        }
        if (cm.hasAlpha() && cm.isAlphaPremultiplied()) {
            return false;
        }
        int[] bankIdx = sm.getBankIndices();
        for (int b : bankIdx) {
            if (b != 0) {
                return false;
            }
        }
        int bands = sm.getNumBands();
        int[] off = sm.getBandOffsets();
        int pixelStride = sm.getPixelStride();
        int scanStride = sm.getScanlineStride();
        int base = dbb.getOffset() - raster.getSampleModelTranslateY() * scanStride
                - raster.getSampleModelTranslateX() * pixelStride;
        byte[] data = dbb.getData();
        int w = raster.getWidth();
        int h = raster.getHeight();
        boolean gray = cm.getNumColorComponents() == 1;
        boolean hasAlpha = cm.hasAlpha() && alpha.composite();
        int rOff = off[0];
        int gOff = gray ? off[0] : off[1];
        int bOff = gray ? off[0] : off[2];
        int aOff = cm.hasAlpha() ? off[bands - 1] : 0;
        int o = 0;
        for (int y = 0; y < h; y++) {
            int p = base + y * scanStride;
            if (!hasAlpha) {
                for (int x = 0; x < w; x++, p += pixelStride) {
                    out[o++] = data[p + rOff];
                    out[o++] = data[p + gOff];
                    out[o++] = data[p + bOff];
                }
            } else {
                for (int x = 0; x < w; x++, p += pixelStride) {
                    int a = data[p + aOff] & 0xFF;
                    out[o++] = (byte) blend(data[p + rOff] & 0xFF, a, alpha.fillRed());
                    out[o++] = (byte) blend(data[p + gOff] & 0xFF, a, alpha.fillGreen());
                    out[o++] = (byte) blend(data[p + bOff] & 0xFF, a, alpha.fillBlue());
                }
            }
        }
        return true;
    }

    /** Any component layout and depth (e.g. 16-bit PNG), one row at a time. */
    private static void components(Raster raster, ColorModel cm, AlphaPolicy alpha, byte[] out) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        boolean gray = cm.getNumColorComponents() == 1;
        boolean hasAlpha = cm.hasAlpha();
        int[] bits = cm.getComponentSize();
        int[] row = new int[w * bands];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0, p = 0; x < w; x++, p += bands) {
                int r = to8(row[p], bits[0]);
                int g = gray ? r : to8(row[p + 1], bits[1]);
                int b = gray ? r : to8(row[p + 2], bits[2]);
                if (hasAlpha && alpha.composite()) {
                    int a = to8(row[p + bands - 1], bits[bands - 1]);
                    r = blend(r, a, alpha.fillRed());
                    g = blend(g, a, alpha.fillGreen());
                    b = blend(b, a, alpha.fillBlue());
                }
                out[o++] = (byte) r;
                out[o++] = (byte) g;
                out[o++] = (byte) b;
            }
        }
    }

    private static void indexed(Raster raster, IndexColorModel icm, AlphaPolicy alpha, byte[] out) {
        int size = icm.getMapSize();
        byte[] rs = new byte[size];
        byte[] gs = new byte[size];
        byte[] bs = new byte[size];
        byte[] as = new byte[size];
        icm.getReds(rs);
        icm.getGreens(gs);
        icm.getBlues(bs);
        icm.getAlphas(as);
        boolean composite = alpha.composite() && icm.hasAlpha();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] row = new int[w];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int i = Math.min(row[x], size - 1);
                int r = rs[i] & 0xFF;
                int g = gs[i] & 0xFF;
                int b = bs[i] & 0xFF;
                if (composite) {
                    int a = as[i] & 0xFF;
                    r = blend(r, a, alpha.fillRed());
                    g = blend(g, a, alpha.fillGreen());
                    b = blend(b, a, alpha.fillBlue());
                }
                out[o++] = (byte) r;
                out[o++] = (byte) g;
                out[o++] = (byte) b;
            }
        }
    }

    /** Fallback for packed (e.g. 16/32-bit BMP) and non-RGB colour models, a row at a time. */
    private static void viaGetRgb(BufferedImage img, AlphaPolicy alpha, byte[] out) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] row = new int[w];
        boolean composite = alpha.composite() && img.getColorModel().hasAlpha();
        int o = 0;
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int r = (argb >>> 16) & 0xFF;
                int g = (argb >>> 8) & 0xFF;
                int b = argb & 0xFF;
                if (composite) {
                    int a = argb >>> 24;
                    r = blend(r, a, alpha.fillRed());
                    g = blend(g, a, alpha.fillGreen());
                    b = blend(b, a, alpha.fillBlue());
                }
                out[o++] = (byte) r;
                out[o++] = (byte) g;
                out[o++] = (byte) b;
            }
        }
    }

    /** {@code round((c * a + fill * (255 - a)) / 255)} in exact integer arithmetic. */
    static int blend(int c, int a, int fill) {
        return (2 * (c * a + fill * (255 - a)) + 255) / 510;
    }

    private static int to8(int v, int bits) {
        if (bits == 8) {
            return v;
        }
        long max = (1L << bits) - 1;
        return (int) ((v * 255L * 2 + max) / (2 * max));
    }
}
