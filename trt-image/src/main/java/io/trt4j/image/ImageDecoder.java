package io.trt4j.image;

import io.trt4j.image.internal.JdkJpegFlavor;
import io.trt4j.image.internal.JpegYCbCr;
import io.trt4j.image.internal.PixelExtractor;
import io.trt4j.image.internal.ScratchArrays;
import io.trt4j.image.internal.jpeg.CorruptJpegException;
import io.trt4j.image.internal.jpeg.JpegDecoder;
import io.trt4j.image.internal.jpeg.JpegHeader;
import io.trt4j.image.internal.jpeg.JpegPlanes;
import io.trt4j.image.internal.jpeg.UnsupportedJpegException;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;

/**
 * Decodes JPEG, PNG, BMP and GIF (first frame) into {@link RgbImage} (HWC RGB uint8, 0..255) with the JDK's
 * javax.imageio decoders. The format is recognised by signature bytes; the declared size is read from the header and
 * checked against {@link #maxPixels()} before any pixel is decoded; JPEG Exif orientation is applied (unless turned
 * off); alpha follows {@link #alphaPolicy()}; truncated or damaged data is an error unless {@link #strict()} is off; no
 * colour management is done (ICC profiles and PNG gamma are ignored,
 * as in PIL and OpenCV).
 *
 * <p>Baseline JPEGs (sequential Huffman, 8-bit, gray or YCbCr with 4:4:4, 4:2:2, 4:4:0 or 4:2:0 sampling) are
 * decoded by a pure-Java decoder that gives exactly the bytes of the JDK's own JPEG decoder (libjpeg 6b, or the
 * system libjpeg-turbo some Linux JDK builds link), needs no native call, and can scale by M/8 (M = 1..7) in the DCT
 * domain as libjpeg-turbo does for {@link #decodeAtLeast}; other JPEGs (progressive, CMYK, ...) and damaged ones it
 * cannot judge exactly like libjpeg go through javax.imageio as before. {@link Builder#javaJpeg(boolean)} or the
 * system property {@value #JAVA_JPEG_PROPERTY}{@code =false} turns the Java decoder off.
 *
 * <p>Thread-safety: immutable and safe to share; each call uses its own ImageIO reader or Java decoder buffers.
 */
public final class ImageDecoder {
    /** Default pixel limit: 100 megapixels (about 300 MB of RGB). */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /**
     * System property giving the default of {@link Builder#javaJpeg(boolean)}: {@code false} makes decoders built
     * afterwards (and {@link #defaults()}, when set before first use) decode every JPEG through javax.imageio.
     */
    public static final String JAVA_JPEG_PROPERTY = "trt4j.image.javaJpeg";

    private static final ImageDecoder DEFAULTS = builder().build();

    private final long maxPixels;
    private final boolean exifOrientation;
    private final AlphaPolicy alphaPolicy;
    private final boolean strict;
    private final boolean javaJpeg;

    private ImageDecoder(Builder b) {
        this.maxPixels = b.maxPixels;
        this.exifOrientation = b.exifOrientation;
        this.alphaPolicy = b.alphaPolicy;
        this.strict = b.strict;
        this.javaJpeg = b.javaJpeg;
    }

    /** 100 MP limit, Exif orientation applied, alpha dropped. */
    public static ImageDecoder defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Largest width x height accepted. */
    public long maxPixels() {
        return maxPixels;
    }

    /** Whether JPEG Exif orientation is applied. */
    public boolean appliesExifOrientation() {
        return exifOrientation;
    }

    /** What happens to alpha. */
    public AlphaPolicy alphaPolicy() {
        return alphaPolicy;
    }

    /**
     * Whether decoder warnings are errors (default true). The JDK's JPEG decoder (libjpeg) reports a truncated file
     * ("Premature end of JPEG file") or damaged entropy data only as a warning and fills the rest with gray; strict
     * decoding turns that into an {@link ImageDecodeException} instead of silently returning a damaged image.
     */
    public boolean strict() {
        return strict;
    }

    /** Whether baseline JPEGs are decoded by the pure-Java decoder (default true); see {@link Builder#javaJpeg}. */
    public boolean javaJpeg() {
        return javaJpeg;
    }

    /**
     * Decodes an image file.
     *
     * @throws NoSuchFileException            if the file does not exist
     * @throws UnsupportedImageFormatException if it is not JPEG, PNG, BMP or GIF
     * @throws ImageTooLargeException         if it declares more than {@link #maxPixels()} pixels
     * @throws ImageDecodeException           if it is empty, truncated or corrupt (the message names the path)
     */
    public RgbImage decode(Path file) throws IOException {
        return decodeImpl(Files.readAllBytes(file), file.toString(), 0, null);
    }

    /** Decodes encoded bytes; {@code sourceName} appears in exception messages. Exceptions as {@link #decode(Path)}. */
    public RgbImage decode(byte[] data, String sourceName) throws IOException {
        return decodeImpl(data, sourceName, 0, null);
    }

    /** Reads {@code in} to its end (does not close it) and decodes; exceptions as {@link #decode(Path)}. */
    public RgbImage decode(InputStream in, String sourceName) throws IOException {
        return decodeImpl(in.readAllBytes(), sourceName, 0, null);
    }

    /**
     * Fast, inexact decode for downscaling: returns HWC RGB uint8 (0..255) pixels like {@link #decode(Path)}, but
     * possibly smaller, with a shorter side of at least {@code max(minWidth, minHeight)} (so at least
     * {@code minWidth} x {@code minHeight} in either orientation; Exif orientation is applied afterwards as usual).
     *
     * <p>Baseline JPEGs taken by the Java decoder are scaled in the DCT domain as libjpeg-turbo's
     * {@code scale_num / scale_denom} (byte for byte what libjpeg-turbo 2.1, e.g. {@code djpeg -scale M/8}, gives,
     * with ISLOW IDCT and fancy upsampling, whichever libjpeg the JDK uses): the smallest {@code M} of 1..8 with
     * {@code ceil(shorter side * M / 8)} at least that size, giving {@code ceil(width * M / 8) x
     * ceil(height * M / 8)} pixels; {@code M = 8} (an exact decode, the JDK's bytes) when nothing smaller suffices.
     * Each block of 8x8 coefficients goes through an M x M inverse DCT of its low frequencies, so every output pixel
     * is close to the average of the source area it covers: little aliasing, and much less IDCT, upsampling and
     * colour-conversion work than a full decode. It is not the same as a full decode followed by a resize (a
     * different low-pass filter, and no rounding to 8 bits in between; after a resize to a 299 x 299 network input
     * the mean difference is 1 to 2% of the value range, see {@link Preprocessor#fastDecode()}). A photo of 500 to
     * 800 pixels decoded for a 299 or 224 input gets 4/8 to 6/8, which decodes 1.6 to 2 times faster than full size.
     *
     * <p>Other images (PNG, BMP, GIF, and JPEGs the Java decoder leaves to javax.imageio: progressive, CMYK, ...)
     * keep every k-th pixel of every k-th row ({@link ImageReadParam#setSourceSubsampling}, sampling offset 0), with
     * the largest integer {@code k} that keeps the result at least that size; {@code k = 1} (an exact decode) when the
     * image is less than twice that size. The subsampled pixels are exact decoded pixels, but dropping the others is
     * point sampling: a later resize sees an aliased image, so results differ from the exact path (typically a few
     * levels per pixel on photos, more on fine textures). Exceptions as {@link #decode(Path)}.
     */
    public RgbImage decodeAtLeast(byte[] data, String sourceName, int minWidth, int minHeight) throws IOException {
        if (minWidth <= 0 || minHeight <= 0) {
            throw new IllegalArgumentException("minimum size must be positive, got " + minWidth + "x" + minHeight);
        }
        return decodeImpl(data, sourceName, Math.max(minWidth, minHeight), null);
    }

    /** As {@link #decodeAtLeast(byte[], String, int, int)} for a file. */
    public RgbImage decodeAtLeast(Path file, int minWidth, int minHeight) throws IOException {
        return decodeAtLeast(Files.readAllBytes(file), file.toString(), minWidth, minHeight);
    }

    /**
     * {@link #decode(byte[], String)} ({@code minSide} 0) or {@link #decodeAtLeast(byte[], String, int, int)} for
     * {@link Preprocessor}'s write path: the Java JPEG decoder takes its planes and the result's pixels from
     * {@code scratch}; the caller gives {@code pixels()} back to {@code scratch} once it is done with the image (the
     * image must not escape it).
     */
    RgbImage decodeForWrite(byte[] data, String sourceName, int minSide, ScratchArrays scratch) throws IOException {
        return decodeImpl(data, sourceName, minSide, Objects.requireNonNull(scratch, "scratch"));
    }

    /**
     * The component planes of a baseline JPEG decoded by the Java decoder at the scale {@link #decodeAtLeast} picks
     * for {@code minSide} ({@link JpegDecoder#decodePlanes}), for {@link Preprocessor}'s fast path; null where that
     * path does not apply and the caller should take {@link #decodeForWrite}: not a JPEG, the Java decoder off or not
     * supporting the stream, an EXIF orientation other than {@link ExifOrientation#NORMAL} to apply, or (non-strict)
     * damaged data, which javax.imageio pads as libjpeg does.
     *
     * @throws ImageTooLargeException over the pixel limit
     * @throws ImageDecodeException   strict, and the entropy data is damaged or truncated
     */
    JpegPlanes decodePlanesForWrite(byte[] data, String sourceName, int minSide, ScratchArrays scratch)
            throws ImageDecodeException {
        Objects.requireNonNull(data, "data");
        if (!javaJpeg || minSide <= 0 || ImageFormat.sniff(data).orElse(null) != ImageFormat.JPEG) {
            return null;
        }
        String source = sourceName == null ? "<bytes>" : sourceName;
        JpegHeader header = javaJpegHeader(data, source);
        if (header == null || (exifOrientation && ExifOrientation.fromJpeg(data) != ExifOrientation.NORMAL)) {
            return null;
        }
        int scaleNum = jpegScaleNum(Math.min(header.width(), header.height()), minSide);
        return javaJpegOrNull(source, () -> JpegDecoder.decodePlanes(data, header, scaleNum, scratch));
    }

    /**
     * The header of a JPEG the Java decoder may take, or null where it leaves the stream to javax.imageio.
     *
     * @throws ImageTooLargeException over the pixel limit
     */
    private JpegHeader javaJpegHeader(byte[] data, String source) throws ImageTooLargeException {
        JpegHeader header;
        try {
            header = JpegDecoder.readHeader(data);
        } catch (UnsupportedJpegException | CorruptJpegException e) {
            return null;
        }
        if ((long) header.width() * header.height() > maxPixels) {
            throw new ImageTooLargeException(source, header.width(), header.height(), maxPixels);
        }
        return header;
    }

    /** One decode by the Java JPEG decoder. */
    @FunctionalInterface
    private interface JavaJpegDecode<T> {
        T run() throws UnsupportedJpegException, CorruptJpegException;
    }

    /**
     * Runs {@code decode}: null where the Java decoder leaves the stream to javax.imageio (unsupported, or damaged
     * data when not {@link #strict()}: javax.imageio pads it as libjpeg does).
     *
     * @throws ImageDecodeException strict, and the entropy data is damaged or truncated
     */
    private <T> T javaJpegOrNull(String source, JavaJpegDecode<T> decode) throws ImageDecodeException {
        try {
            return decode.run();
        } catch (UnsupportedJpegException e) {
            return null;
        } catch (CorruptJpegException e) {
            if (strict) {
                throw new ImageDecodeException(source, "JPEG data corrupt or truncated: " + e.getMessage()
                        + "; use a non-strict decoder to accept it", e);
            }
            return null;
        }
    }

    /**
     * @param minSide 0 for an exact decode, else the smallest side length the subsampled result may have
     * @param scratch null, or where the Java JPEG decoder's planes and pixels come from ({@link #decodeForWrite})
     */
    private RgbImage decodeImpl(byte[] data, String sourceName, int minSide, ScratchArrays scratch)
            throws IOException {
        Objects.requireNonNull(data, "data");
        String source = sourceName == null ? "<bytes>" : sourceName;
        if (data.length == 0) {
            throw new ImageDecodeException(source, "empty input (0 bytes)");
        }
        ImageFormat format = ImageFormat.sniff(data).orElseThrow(() -> new UnsupportedImageFormatException(source,
                "not a JPEG, PNG, BMP or GIF (starts with " + hex(data) + ")"));
        if (format == ImageFormat.JPEG && javaJpeg) {
            RgbImage rgb = decodeBaselineJpeg(data, source, minSide, scratch);
            if (rgb != null) {
                return exifOrientation ? ExifOrientation.fromJpeg(data).apply(rgb) : rgb;
            }
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        if (!readers.hasNext()) {
            throw new UnsupportedImageFormatException(source, "no javax.imageio reader for " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            int width;
            int height;
            javax.imageio.ImageTypeSpecifier rawType;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
                rawType = format == ImageFormat.JPEG ? reader.getRawImageType(0) : null;
            } catch (IOException | RuntimeException e) {
                throw new ImageDecodeException(source, format + " header unreadable: " + e.getMessage(), e);
            }
            if (width <= 0 || height <= 0) {
                throw new ImageDecodeException(source, format + " declares an empty image " + width + "x" + height);
            }
            if ((long) width * height > maxPixels) {
                throw new ImageTooLargeException(source, width, height, maxPixels);
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int k = minSide > 0 ? Math.min(width, height) / minSide : 1;
            if (k >= 2) {
                param.setSourceSubsampling(k, k, 0, 0);
            } else {
                k = 1;
            }
            // Plain YCbCr JPEGs: the raw samples and libjpeg's own conversion, skipping the colour management that
            // read() applies to files with an embedded ICC profile (same bytes, about half the decode time).
            boolean ycc = format == ImageFormat.JPEG && PixelExtractor.isRgb(rawType) && JpegYCbCr.isPlainYCbCr(data);
            BufferedImage rgbDestination = null;
            if (!ycc && format == ImageFormat.JPEG && PixelExtractor.isRgb(rawType)) {
                // Decoding straight into an RGB byte raster skips the reader's BGR conversion and our copy: the
                // decoded array becomes the RgbImage (measured 45% less CPU for a 512x480 baseline JPEG).
                rgbDestination = PixelExtractor.rgbDestination((width + k - 1) / k, (height + k - 1) / k);
                param.setDestination(rgbDestination);
            }
            java.util.List<String> warnings = new java.util.ArrayList<>();
            reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
            BufferedImage img = null;
            RgbImage yccPixels = null;
            try {
                if (ycc) {
                    yccPixels = JpegYCbCr.toRgb(reader.readRaster(0, param));
                } else {
                    img = reader.read(0, param);
                }
            } catch (IIOException e) {
                String msg = String.valueOf(e.getMessage());
                if (msg.contains("Unsupported Image Type") || msg.contains("Unsupported JPEG process")) {
                    throw new UnsupportedImageFormatException(source, format + " variant not supported: " + msg, e);
                }
                throw new ImageDecodeException(source, format + " data corrupt or truncated: " + msg, e);
            } catch (RuntimeException e) {
                // The JDK decoders signal some corrupt inputs with unchecked exceptions.
                throw new ImageDecodeException(source, format + " data corrupt: " + e, e);
            }
            if (img == null && yccPixels == null) {
                throw new ImageDecodeException(source, format + " decoder returned no image");
            }
            if (strict && !warnings.isEmpty()) {
                throw new ImageDecodeException(source, format + " data truncated or corrupt (decoder warning: "
                        + String.join("; ", warnings) + "); use a non-strict decoder to accept it");
            }
            RgbImage rgb = yccPixels != null ? yccPixels
                    : img == rgbDestination ? PixelExtractor.wrapRgbDestination(img) : PixelExtractor.toRgb(img, alphaPolicy);
            if (exifOrientation && format == ImageFormat.JPEG) {
                rgb = ExifOrientation.fromJpeg(data).apply(rgb);
            }
            return rgb;
        } finally {
            reader.dispose();
        }
    }

    /**
     * The pure-Java path: null when the decoder does not support the stream (or, non-strict, finds it damaged), so
     * that javax.imageio decodes it. A damaged header is always left to javax.imageio, which reports it as before.
     */
    private RgbImage decodeBaselineJpeg(byte[] data, String source, int minSide, ScratchArrays scratch)
            throws ImageDecodeException {
        JpegHeader header = javaJpegHeader(data, source);
        if (header == null) {
            return null;
        }
        int width = header.width();
        int height = header.height();
        int scaleNum = minSide > 0 ? jpegScaleNum(Math.min(width, height), minSide) : JpegDecoder.SCALE_DENOMINATOR;
        boolean fancyH1v2 = true; // libjpeg-turbo's 4:4:0 upsampling: a scaled decode is libjpeg-turbo's result
        if (header.lumaSampling440() && scaleNum == JpegDecoder.SCALE_DENOMINATOR) {
            // 4:4:0 chroma is upsampled differently by IJG libjpeg 6b and libjpeg-turbo: follow the JDK's
            Optional<Boolean> jdk = JdkJpegFlavor.fancyH1v2();
            if (jdk.isEmpty()) {
                return null;
            }
            fancyH1v2 = jdk.get();
        }
        boolean fancy = fancyH1v2;
        return javaJpegOrNull(source, () -> JpegDecoder.decodeScaled(data, header, scaleNum, fancy, scratch));
    }

    /**
     * The smallest libjpeg-turbo scale {@code M / 8} (M = 1..8) at which a side of {@code shorterSide} pixels decodes
     * to at least {@code minSide} ({@code ceil(shorterSide * M / 8) >= minSide}); 8 (full size) when none smaller does.
     */
    static int jpegScaleNum(int shorterSide, int minSide) {
        for (int m = 1; m < JpegDecoder.SCALE_DENOMINATOR; m++) {
            if (JpegDecoder.scaledSizeByEighths(shorterSide, m) >= minSide) {
                return m;
            }
        }
        return JpegDecoder.SCALE_DENOMINATOR;
    }

    private static String hex(byte[] data) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, data.length); i++) {
            sb.append(String.format("%02X ", data[i] & 0xFF));
        }
        return sb.toString().trim();
    }

    @Override
    public String toString() {
        return "ImageDecoder[maxPixels=" + maxPixels + ", exifOrientation=" + exifOrientation + ", alpha="
                + alphaPolicy + ", strict=" + strict + ", javaJpeg=" + javaJpeg + "]";
    }

    /**
     * Fluent builder for {@link ImageDecoder}.
     *
     * <p>Thread-safety: not thread-safe; use from one thread.
     */
    public static final class Builder {
        private long maxPixels = DEFAULT_MAX_PIXELS;
        private boolean exifOrientation = true;
        private AlphaPolicy alphaPolicy = AlphaPolicy.DROP;
        private boolean strict = true;
        private boolean javaJpeg = !"false".equalsIgnoreCase(System.getProperty(JAVA_JPEG_PROPERTY));

        private Builder() {
        }

        /**
         * Whether baseline JPEGs are decoded by the pure-Java decoder (default true unless the system property
         * {@value ImageDecoder#JAVA_JPEG_PROPERTY} is {@code false}). It gives the same bytes as javax.imageio; off,
         * every JPEG goes through javax.imageio (for A/B comparisons, or as an escape hatch).
         */
        public Builder javaJpeg(boolean javaJpeg) {
            this.javaJpeg = javaJpeg;
            return this;
        }

        /** Whether decoder warnings (truncated or damaged data) are errors (default true); see {@link #strict()}. */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** Largest width x height accepted (&gt; 0). */
        public Builder maxPixels(long maxPixels) {
            if (maxPixels <= 0) {
                throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
            }
            this.maxPixels = maxPixels;
            return this;
        }

        /** Whether to apply JPEG Exif orientation (default true). */
        public Builder exifOrientation(boolean apply) {
            this.exifOrientation = apply;
            return this;
        }

        /** What to do with alpha (default {@link AlphaPolicy#DROP}). */
        public Builder alphaPolicy(AlphaPolicy policy) {
            this.alphaPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The immutable decoder. */
        public ImageDecoder build() {
            return new ImageDecoder(this);
        }
    }
}
