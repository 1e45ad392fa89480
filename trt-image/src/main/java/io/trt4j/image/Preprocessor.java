package io.trt4j.image;

import io.trt4j.core.DataType;
import io.trt4j.core.HalfFloat;
import io.trt4j.image.internal.ScratchArrays;
import io.trt4j.image.internal.jpeg.JpegPlanes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Turns an image into one tensor slot in a single fused pass per output row: geometry ({@link Geometry}) and resize
 * ({@link ResizeMethod}) to 8-bit RGB, colour order ({@link ColorOrder}), normalization through per-channel lookup
 * tables of the 256 possible values ({@link Normalization}), element type and layout ({@link TensorLayout}), bulk-written
 * into the caller's buffer.
 *
 * <p>Output: {@link #dataType()} FLOAT (float32), HALF (binary16, round-to-nearest-even of the float32 value) or UINT8
 * (raw 0..255, requires {@link Normalization#NONE}); {@link #channels()} x {@link #height()} x {@link #width()}
 * elements per image in {@link #layout()} order; values as {@link #normalization()} defines. Elements are written in
 * the destination buffer's byte order (use {@link java.nio.ByteOrder#nativeOrder()} for TensorRT) at byte offset
 * {@code dst.position() + batchIndex * bytesPerImage()}; the buffer's position and limit are not changed, so several
 * threads may write different batch indices of one buffer at once.
 *
 * <p>Thread-safety: immutable and safe to share between threads.
 */
public final class Preprocessor {
    private final int width;
    private final int height;
    private final Geometry geometry;
    private final ResizeMethod resizeMethod;
    private final ColorOrder colorOrder;
    private final Normalization normalization;
    private final TensorLayout layout;
    private final DataType dataType;
    private final ImageDecoder decoder;
    private final boolean fastDecode;

    private final int channels;
    private final int[] channelSource;
    private final float[][] floatLut;
    private final short[][] halfLut;
    private static final int MAX_CACHED_TABLES = 64;
    private final java.util.concurrent.ConcurrentHashMap<TableKey, ResampleTable> tables =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Preprocessor(Builder b) {
        this.width = b.width;
        this.height = b.height;
        this.geometry = b.geometry;
        this.resizeMethod = b.resizeMethod;
        this.colorOrder = b.colorOrder;
        this.normalization = b.normalization;
        this.layout = b.layout;
        this.dataType = b.dataType;
        this.decoder = b.decoder;
        this.fastDecode = b.fastDecode;
        this.channels = colorOrder.channels();
        this.channelSource = switch (colorOrder) {
            case RGB -> new int[] {0, 1, 2};
            case BGR -> new int[] {2, 1, 0};
            case GRAY -> new int[] {0};
        };
        this.floatLut = new float[channels][256];
        this.halfLut = new short[channels][256];
        for (int c = 0; c < channels; c++) {
            for (int x = 0; x < 256; x++) {
                float v = (float) normalization.apply(x, c);
                floatLut[c][x] = v;
                halfLut[c][x] = HalfFloat.fromFloat(v);
            }
        }
    }

    /** A builder for {@code width} x {@code height} output; defaults: stretch, BILINEAR_ANTIALIAS, RGB, [0,1], NCHW, FLOAT. */
    public static Builder builder(int width, int height) {
        return new Builder(width, height);
    }

    /**
     * Inception v3 (TF-slim evaluation): central 87.5% crop, bilinear resize to 299 x 299, RGB, [-1, 1] float32
     * ({@link Normalization#INCEPTION}); layout defaults to NCHW, change it for an NHWC engine.
     */
    public static Builder inceptionV3() {
        return builder(299, 299).geometry(Geometry.centerCrop(0.875)).resizeMethod(ResizeMethod.BILINEAR)
                .normalization(Normalization.INCEPTION);
    }

    /** ResNet/ImageNet (torchvision): shorter side 256, centre crop 224 x 224, RGB, ImageNet mean/std, float32. */
    public static Builder imagenet224() {
        return builder(224, 224).geometry(Geometry.resizeShorterSideThenCenterCrop(256))
                .resizeMethod(ResizeMethod.BILINEAR_ANTIALIAS).normalization(Normalization.IMAGENET);
    }

    /** Output width in pixels. */
    public int width() {
        return width;
    }

    /** Output height in pixels. */
    public int height() {
        return height;
    }

    /** Output channels: 3 for RGB/BGR, 1 for GRAY. */
    public int channels() {
        return channels;
    }

    /** How the source is fitted. */
    public Geometry geometry() {
        return geometry;
    }

    /** The resampling filter. */
    public ResizeMethod resizeMethod() {
        return resizeMethod;
    }

    /** Output channel order. */
    public ColorOrder colorOrder() {
        return colorOrder;
    }

    /** Value mapping of 8-bit channel values. */
    public Normalization normalization() {
        return normalization;
    }

    /** Output layout. */
    public TensorLayout layout() {
        return layout;
    }

    /** Output element type: FLOAT, HALF or UINT8. */
    public DataType dataType() {
        return dataType;
    }

    /** The decoder used by the path and byte overloads. */
    public ImageDecoder decoder() {
        return decoder;
    }

    /**
     * Whether decoding may downscale large images to no less than the size the geometry needs (see
     * {@link ImageDecoder#decodeAtLeast}): baseline JPEGs at the smallest scale M/8 (M = 1..8) that still covers it,
     * in the DCT domain exactly as libjpeg-turbo scales (each pixel close to the average of the area it covers),
     * other formats by keeping every k-th pixel. The tensor keeps its layout, element type and value range but
     * differs slightly from the exact path's (full-size decode, then resize): on the 512 to 773 pixel JPEG fixtures
     * with {@link #inceptionV3()} at 299 x 299 (decoded at 5/8 or 6/8), a mean absolute difference of 0.008 to 0.019
     * on the [0, 1] scale, about as much as switching between plain and antialiased bilinear resizing changes it.
     *
     * <p>Baseline JPEGs written from bytes or files ({@link #write(byte[], String, ByteBuffer, int)}) are not
     * converted to RGB before the resize: their Y, Cb and Cr planes are decoded at that scale (subsampled chroma at
     * its own resolution, neither enlarged nor upsampled), each plane is resized on its own to this geometry (chroma
     * sited at the centre of the pixels it covers, as JFIF), and the resized values are converted to RGB with
     * libjpeg's arithmetic. So the tensor differs slightly from writing {@link #decode(byte[], String)}'s image
     * (a level or two here and there); JPEGs with an EXIF orientation to apply, and those the Java decoder leaves to
     * javax.imageio, take the decoded image. Faster: there the whole preprocessing at 299 x 299 takes 1.4 to 1.6 times
     * less time than the exact path's (plain and antialiased bilinear, trt-bench's PreprocessBenchmark). Default off.
     */
    public boolean fastDecode() {
        return fastDecode;
    }

    /** Elements per image: channels x height x width. */
    public long elementsPerImage() {
        return (long) channels * height * width;
    }

    /** Bytes per image in the destination buffer. */
    public long bytesPerImage() {
        return elementsPerImage() * dataType.byteSize();
    }

    /** The tensor shape of {@code batch} images in {@link #layout()}, e.g. [N, C, H, W]. */
    public long[] shape(int batch) {
        return layout.shape(batch, channels, height, width);
    }

    /**
     * Whether the resampler's filtering runs on the Vector API (strips of 8 output rows, transposed so the
     * horizontal pass needs no gathers) and why or why not: {@code "on (...)"} or {@code "off: ..."}. On when the
     * JVM runs with {@code --add-modules jdk.incubator.vector} on a CPU with 256-bit vectors, unless
     * {@code -Dtrt4j.image.vector=false}, and if the strips pass their self-check against the scalar pass (run once,
     * when the first image is resized); the output bytes are the same either way. With them, a fresh JVM's first
     * resizes are slow until C2 has compiled the strips (see {@link #warmUp}).
     */
    public static String resamplerVectorStatus() {
        return VectorResampling.REASON;
    }

    /**
     * Preprocesses four generated photo-like JPEGs (4:2:0, 4:2:2, 4:4:0 and 4:4:4 chroma, some with restart markers,
     * about 640x480; into a scratch buffer of its own) until the JIT has compiled this pipeline or {@code maxTime} has
     * passed: a service calls it before it takes requests, so that none pays for
     * a fresh JVM's uncompiled code. That matters most with the Vector API kernels on, where a fresh JVM's first images
     * take up to a second each (uncompiled vector code is hundreds of times slower) and full speed comes two to three
     * seconds later on one core. See {@link #warmUp(byte[], Duration)} for the details.
     *
     * @param maxTime the limit (a round of 8 images once started is finished)
     * @return what it did
     */
    public WarmUpReport warmUp(Duration maxTime) {
        try {
            return PreprocessorWarmUp.run(this, PreprocessorWarmUp.defaultSamples(), maxTime);
        } catch (IOException e) { // the generated JPEGs decode with every decoder; anything else is a bug
            throw new java.io.UncheckedIOException("a generated warm-up sample did not decode", e);
        }
    }

    /**
     * Preprocesses {@code sample} (an encoded image such as the service will get) in rounds of 8 images until the
     * time per round has settled (three rounds in a row, after at least five, each within 1.15 times the best round
     * with the JIT compiling for at most 5% of it) or {@code maxTime} has passed. Writes nothing the caller sees.
     *
     * @param sample  the encoded image
     * @param maxTime the limit (a round once started is finished)
     * @return images run, time taken, the last round's time per image, whether the time had settled
     * @throws IOException if {@code sample} does not decode (the first image fails: nothing else runs)
     */
    public WarmUpReport warmUp(byte[] sample, Duration maxTime) throws IOException {
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(maxTime, "maxTime");
        return PreprocessorWarmUp.run(this, new byte[][] {sample}, maxTime);
    }

    /**
     * Decodes with this preprocessor's decoder; with {@link #fastDecode()} large images are downscaled while decoding
     * to no less than the size this geometry needs. Returns HWC RGB uint8 (0..255).
     */
    public RgbImage decode(byte[] encoded, String sourceName) throws IOException {
        if (!fastDecode) {
            return decoder.decode(encoded, sourceName);
        }
        int side = neededSourceSide();
        return decoder.decodeAtLeast(encoded, sourceName, side, side);
    }

    /** {@link #decode(byte[], String)} of a file. */
    public RgbImage decode(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    private int neededSourceSide() {
        return geometry.neededSourceSide(Math.max(width, height));
    }

    /** Decodes {@code file} and writes it at {@code batchIndex}; see {@link #write(RgbImage, ByteBuffer, int)}. */
    public void write(Path file, ByteBuffer dst, int batchIndex) throws IOException {
        checkSlot(dst, batchIndex, 1);
        writeEncoded(Files.readAllBytes(file), file.toString(), dst, batchIndex);
    }

    /** Decodes {@code encoded} and writes it at {@code batchIndex}; see {@link #write(RgbImage, ByteBuffer, int)}. */
    public void write(byte[] encoded, String sourceName, ByteBuffer dst, int batchIndex) throws IOException {
        checkSlot(dst, batchIndex, 1);
        writeEncoded(encoded, sourceName, dst, batchIndex);
    }

    /**
     * Decodes as {@link #decode(byte[], String)} and writes: the decoded image never leaves this method, so its
     * pixels and the decoder's planes come from this thread's spare arrays and go back to them (about a megabyte an
     * image that is neither allocated nor zeroed: 6% of a 299x299 fastDecode image on the dev machine).
     */
    private void writeEncoded(byte[] encoded, String sourceName, ByteBuffer dst, int batchIndex) throws IOException {
        ScratchArrays scratch = ScratchArrays.ofThisThread();
        if (fastDecode) {
            JpegPlanes planes = decoder.decodePlanesForWrite(encoded, sourceName, neededSourceSide(), scratch);
            if (planes != null) {
                try {
                    writePlanes(planes, dst, batchIndex);
                } finally {
                    planes.release();
                }
                return;
            }
        }
        RgbImage image = decoder.decodeForWrite(encoded, sourceName, fastDecode ? neededSourceSide() : 0, scratch);
        write(image, dst, batchIndex);
        scratch.give(image.pixels());
    }

    /**
     * Writes {@code image} (HWC RGB uint8) as image {@code batchIndex} of {@code dst}: {@link #bytesPerImage()} bytes
     * at {@code dst.position() + batchIndex * bytesPerImage()}, in {@link #layout()} order, {@link #dataType()}
     * elements in {@code dst}'s byte order.
     *
     * @throws IllegalArgumentException if the slot does not fit in {@code dst} (nothing is written), the index is
     *                                  negative, or the layout is unbatched and the index is not 0
     * @throws java.nio.ReadOnlyBufferException if {@code dst} is read-only
     */
    public void write(RgbImage image, ByteBuffer dst, int batchIndex) {
        Objects.requireNonNull(image, "image");
        ByteBuffer slot = slot(dst, batchIndex);
        Placement p = geometry.place(image.width(), image.height(), width, height);
        ResampleTable xs = table(p.cropX(), p.cropW(), p.resizedW(), p.windowX(), p.width(), 1, 0);
        ResampleTable ys = table(p.cropY(), p.cropH(), p.resizedH(), p.windowY(), p.height(), 1, 0);
        writeWindow(new RowResampler(image, xs, ys), p, slot);
    }

    /**
     * The fast path's write of a baseline JPEG's planes: each plane resized at its own resolution to the placement
     * computed for the image's size, then converted to RGB ({@link PlaneResampler}).
     */
    private void writePlanes(JpegPlanes planes, ByteBuffer dst, int batchIndex) {
        ByteBuffer slot = slot(dst, batchIndex);
        Placement p = geometry.place(planes.width(), planes.height(), width, height);
        RowResampler[] resamplers = new RowResampler[planes.components()];
        for (int c = 0; c < resamplers.length; c++) {
            ResampleTable xs = table(p.cropX(), p.cropW(), p.resizedW(), p.windowX(), p.width(), planes.xRatio(c),
                    planes.planeWidth(c));
            ResampleTable ys = table(p.cropY(), p.cropH(), p.resizedH(), p.windowY(), p.height(), planes.yRatio(c),
                    planes.planeHeight(c));
            resamplers[c] = RowResampler.ofPlane(planes.plane(c), planes.stride(c), xs, ys);
        }
        writeWindow(new PlaneResampler(resamplers, p.width()), p, slot);
    }

    /** Checks the slot and returns it: {@link #bytesPerImage()} bytes of {@code dst} in its byte order. */
    private ByteBuffer slot(ByteBuffer dst, int batchIndex) {
        checkSlot(dst, batchIndex, 1);
        if (dst.isReadOnly()) {
            throw new java.nio.ReadOnlyBufferException();
        }
        int base = (int) (dst.position() + batchIndex * bytesPerImage());
        return dst.slice(base, (int) bytesPerImage()).order(dst.order());
    }

    /** Writes the window's rows (fill outside it) into {@code slot}, then releases {@code resampler}. */
    private void writeWindow(WindowRows resampler, Placement p, ByteBuffer slot) {
        RowWriter writer = new RowWriter(slot, layout, dataType, width, height, channelSource, floatLut, halfLut);

        int[] fill = geometry.fill();
        boolean direct = resampler.hasRowView() && p.outX() == 0 && p.width() == width;
        int[][] fillRow = new int[3][width];
        int[][] row = direct ? null : new int[3][width]; // direct: the resampler's own rows are written
        for (int c = 0; c < 3; c++) {
            java.util.Arrays.fill(fillRow[c], fill[c]);
            if (row != null) {
                java.util.Arrays.fill(row[c], fill[c]); // outside the window stays fill
            }
        }
        for (int y = 0; y < height; y++) {
            int j = y - p.outY();
            if (j >= 0 && j < p.height()) {
                if (direct) {
                    writer.write(resampler.rowView(j), y); // no copy: the window spans the whole row
                } else {
                    resampler.row(j, row, p.outX());
                    writer.write(row, y);
                }
            } else {
                writer.write(fillRow, y);
            }
        }
        resampler.release();
    }

    /**
     * The resample table of one axis, from a small per-instance cache (building an antialiasing table costs about as
     * much as resizing a tenth of the image; batches often share source sizes). Tables are immutable. {@code ratio}
     * and {@code planeLen}: a plane at {@code ratio} times the image resolution ({@link ResampleTable#buildForPlane}).
     */
    private ResampleTable table(int srcStart, int srcLen, int dstLen, int windowStart, int count, double ratio,
            int planeLen) {
        TableKey key = new TableKey(srcStart, srcLen, dstLen, windowStart, count, ratio, ratio == 1 ? 0 : planeLen);
        ResampleTable t = tables.get(key);
        if (t == null) {
            t = ResampleTable.buildForPlane(resizeMethod, srcStart, srcLen, ratio, planeLen, dstLen, windowStart,
                    count);
            if (tables.size() >= MAX_CACHED_TABLES) {
                tables.clear();
            }
            tables.put(key, t);
        }
        return t;
    }

    private record TableKey(int srcStart, int srcLen, int dstLen, int windowStart, int count, double ratio,
            int planeLen) {
    }

    /**
     * Checks that images {@code 0 .. batchSize-1} fit in {@code dst} from its position to its limit.
     *
     * @throws IllegalArgumentException naming the needed and available bytes if not
     */
    public void checkCapacity(ByteBuffer dst, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        checkSlot(dst, 0, batchSize);
    }

    private void checkSlot(ByteBuffer dst, int batchIndex, int images) {
        Objects.requireNonNull(dst, "dst");
        if (batchIndex < 0) {
            throw new IllegalArgumentException("batch index must be >= 0, got " + batchIndex);
        }
        if (!layout.batched() && batchIndex + images > 1) {
            throw new IllegalArgumentException(layout + " holds one image; batch index " + batchIndex
                    + " and batch size " + images + " need a batched layout (NCHW or NHWC)");
        }
        long needed = (batchIndex + (long) images) * bytesPerImage();
        long available = dst.remaining();
        if (needed > available) {
            throw new IllegalArgumentException("buffer too small: images " + batchIndex + ".." + (batchIndex + images - 1)
                    + " of " + channels + "x" + height + "x" + width + " " + dataType + " need " + needed
                    + " bytes from position " + dst.position() + ", but only " + available + " remain (capacity "
                    + dst.capacity() + ")");
        }
    }

    @Override
    public String toString() {
        return "Preprocessor[" + width + "x" + height + ", " + geometry + ", " + resizeMethod + ", " + colorOrder
                + ", " + normalization + ", " + layout + ", " + dataType + (fastDecode ? ", fastDecode" : "") + "]";
    }

    /**
     * Fluent builder for {@link Preprocessor}; validation happens in {@link #build()}.
     *
     * <p>Thread-safety: not thread-safe; use from one thread.
     */
    public static final class Builder {
        private final int width;
        private final int height;
        private Geometry geometry = Geometry.stretch();
        private ResizeMethod resizeMethod = ResizeMethod.BILINEAR_ANTIALIAS;
        private ColorOrder colorOrder = ColorOrder.RGB;
        private Normalization normalization = Normalization.ZERO_ONE;
        private TensorLayout layout = TensorLayout.NCHW;
        private DataType dataType = DataType.FLOAT;
        private ImageDecoder decoder = ImageDecoder.defaults();
        private boolean fastDecode;

        private Builder(int width, int height) {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("output size must be positive, got " + width + "x" + height);
            }
            this.width = width;
            this.height = height;
        }

        /** How the source is fitted into the output (default {@link Geometry#stretch()}). */
        public Builder geometry(Geometry geometry) {
            this.geometry = Objects.requireNonNull(geometry, "geometry");
            return this;
        }

        /** Resampling filter (default {@link ResizeMethod#BILINEAR_ANTIALIAS}). */
        public Builder resizeMethod(ResizeMethod method) {
            this.resizeMethod = Objects.requireNonNull(method, "method");
            return this;
        }

        /** Output channel order (default RGB). */
        public Builder colorOrder(ColorOrder order) {
            this.colorOrder = Objects.requireNonNull(order, "order");
            return this;
        }

        /** Value mapping (default {@link Normalization#ZERO_ONE}). */
        public Builder normalization(Normalization normalization) {
            this.normalization = Objects.requireNonNull(normalization, "normalization");
            return this;
        }

        /** Output layout (default NCHW). */
        public Builder layout(TensorLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /** Output element type: FLOAT (default), HALF or UINT8. */
        public Builder dataType(DataType dataType) {
            this.dataType = Objects.requireNonNull(dataType, "dataType");
            return this;
        }

        /** Decoder for the path and byte overloads (default {@link ImageDecoder#defaults()}). */
        public Builder decoder(ImageDecoder decoder) {
            this.decoder = Objects.requireNonNull(decoder, "decoder");
            return this;
        }

        /**
         * Downscale large images while decoding (baseline JPEGs by M/8 in the DCT domain as libjpeg-turbo, resized
         * as Y, Cb, Cr planes and converted to RGB afterwards; other formats by subsampling), never below what the
         * geometry needs: faster, inexact (see {@link Preprocessor#fastDecode()}); default off.
         */
        public Builder fastDecode(boolean fastDecode) {
            this.fastDecode = fastDecode;
            return this;
        }

        /**
         * The immutable preprocessor.
         *
         * @throws IllegalArgumentException for an unsupported data type, a normalization on UINT8 output, statistics
         *                                  that do not fit the channel count, a geometry that does not fit the size,
         *                                  or an image larger than 2 GiB of output
         */
        public Preprocessor build() {
            if (dataType != DataType.FLOAT && dataType != DataType.HALF && dataType != DataType.UINT8) {
                throw new IllegalArgumentException("output data type must be FLOAT, HALF or UINT8, got " + dataType);
            }
            if (dataType == DataType.UINT8 && !normalization.isIdentity()) {
                throw new IllegalArgumentException("UINT8 output carries raw 0..255 values; use Normalization.NONE, got "
                        + normalization);
            }
            normalization.checkChannels(colorOrder.channels());
            geometry.checkOutput(width, height);
            if ((long) width * height * colorOrder.channels() * dataType.byteSize() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("one " + width + "x" + height + " image exceeds 2 GiB of output");
            }
            return new Preprocessor(this);
        }
    }
}
