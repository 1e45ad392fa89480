package io.trt4j.bench.image;

import io.trt4j.core.DataType;
import io.trt4j.image.BatchPreprocessor;
import io.trt4j.image.Geometry;
import io.trt4j.image.ImageDecoder;
import io.trt4j.image.Normalization;
import io.trt4j.image.Preprocessor;
import io.trt4j.image.ResizeMethod;
import io.trt4j.image.RgbImage;
import io.trt4j.image.TensorLayout;
import io.trt4j.image.internal.jpeg.JpegDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real JPEGs (the darknet and OpenCV fixtures, all baseline: dog 768x576 4:4:0, eagle 773x512 4:4:0, fruits 512x480
 * 4:2:2, baboon 512x512 4:2:2; each invocation takes the next one) to a 299x299 Inception v3 input: RGB, [-1, 1],
 * FLOAT, NCHW, written into a direct native-order buffer. Throughput modes; single-thread ops/s = images/s/core.
 * Benchmarks ending in {@code ImageIo} run the same work with the pure-Java JPEG decoder switched off
 * ({@code ImageDecoder.Builder.javaJpeg(false)}), for an A/B comparison in one run.
 *
 * <ul>
 *   <li>{@code trt4j}: {@link Preprocessor} (stretch, antialiased bilinear) from encoded bytes.</li>
 *   <li>{@code trt4jFastDecode}: the same with fast decoding (inexact): these baseline JPEGs decoded at 5/8 in the
 *       DCT domain (libjpeg-turbo's scaling; the smallest M/8 keeping the shorter side at least 299).</li>
 *   <li>{@code trt4jBilinear}: stretch with plain bilinear, the same work as the JDK baseline and as OpenCV's
 *       {@code INTER_LINEAR} pipeline in {@code scripts/opencv_preprocess.py}; {@code trt4jBilinearFastDecode}: the
 *       same with fast decoding; {@code trt4jBilinear224}, {@code trt4jBilinear224FastDecode}: both to 224x224
 *       (the script's second size; 4/8 for dog and eagle, 4/8 or 5/8 for the others).</li>
 *   <li>{@code trt4jInceptionCrop}: TF-slim style, central 87.5% crop then plain bilinear;
 *       {@code trt4jInceptionCropFastDecode}: the same with fast decoding (5/8 or 6/8: the crop needs 342 pixels).</li>
 *   <li>{@code jdkBaseline}: ImageIO.read, Graphics2D.drawImage scaled with the bilinear hint, getRGB per pixel,
 *       normalize, putFloat.</li>
 *   <li>{@code decodeOnly}, {@code resizeNormalizeOnly}: the two halves of {@code trt4j}.</li>
 *   <li>{@code decodeOnlyImageIo}, {@code trt4jImageIo}, {@code trt4jFastDecodeImageIo}: as above through
 *       javax.imageio only (readRaster + libjpeg's YCbCr conversion; subsampled reads for the fast decode).</li>
 *   <li>{@code decodeQuarter}: {@code decodeAtLeast(128, 128)}: the Java decoder at 1/4 scale (DCT domain);
 *       {@code decodeQuarterImageIo}: the same call through javax.imageio (every 3rd or 4th pixel);
 *       {@code decodeAtLeast299}: {@code decodeAtLeast(299, 299)}, the Java decoder at 5/8.</li>
 *   <li>{@code resizeNormalizeOnlyBilinear}: the second half with plain bilinear.</li>
 *   <li>{@code resizeOnlyUint8Nhwc}: antialiased resize written as raw UINT8 NHWC (no lookup table, a quarter of the
 *       bytes), to separate resampling from normalization and float output.</li>
 *   <li>{@code batchAllCores}: {@link BatchPreprocessor} filling batches of {@value #BATCH_ALL_CORES} on one thread per
 *       core (score per image): enough images that every core stays busy (a batch of 8 kept at most 8 threads
 *       working and waited for its slowest image: 1,400 images/s on the 16-core H100 host).</li>
 * </ul>
 * Fixtures: system property {@code trt4j.fixtures}, env {@code TRT4J_FIXTURES}, else {@code .fixtures}.
 *
 * <p>Vector API: the fork runs with {@code --add-modules jdk.incubator.vector} (the JVM prints an incubator warning),
 * so the Java JPEG decoder uses its Vector API kernels (IDCT, fancy upsampling, YCbCr to RGB) and the resampler its
 * strips of 8 rows ({@link Preprocessor#resamplerVectorStatus()}); parameter
 * {@code vectorApi} ({@code on} by default) set to {@code off} switches them off in that fork
 * ({@code -Dtrt4j.image.vector=false}, set before the decoder loads): {@code -p vectorApi=on,off} gives an A/B in one
 * run (decoder and resampler together). The module goes in through {@code jvmArgsPrepend}, so {@code -jvmArgsAppend} on the command line (e.g.
 * {@code -Dtrt4j.fixtures=...}) keeps it (a command-line {@code -jvmArgsPrepend} replaces it). The setup fails if the
 * decoder's state differs from the parameter (e.g. with {@code -f 0}, where the module is absent or the decoder was
 * loaded before).
 *
 * <p>Thread-safety: JMH states; not for other use.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class PreprocessBenchmark {
    static final String[] JPEGS = {"dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg"};
    static final int SIZE = 299;
    /** Images per {@code batchAllCores} call: 4 a core on a 16-core host. */
    static final int BATCH_ALL_CORES = 64;

    /** Encoded images, preprocessors and pre-decoded images shared by all threads. */
    @State(Scope.Benchmark)
    public static class Inputs {
        /** {@code on}: the decoder's Vector API kernels; {@code off}: its scalar code. */
        @Param({"on"})
        public String vectorApi;
        byte[][] encoded;
        RgbImage[] decoded;
        Preprocessor exact;
        Preprocessor fast;
        Preprocessor exactImageIo;
        Preprocessor fastImageIo;
        ImageDecoder imageIo;
        Preprocessor inceptionCrop;
        Preprocessor inceptionCropFast;
        Preprocessor bilinear;
        Preprocessor bilinearFast;
        Preprocessor bilinear224;
        Preprocessor bilinear224Fast;
        Preprocessor uint8Nhwc;
        BatchPreprocessor batch;

        @Setup(Level.Trial)
        public void load() throws IOException {
            if (!vectorApi.equals("on") && !vectorApi.equals("off")) {
                throw new IllegalArgumentException("vectorApi must be on or off, got " + vectorApi);
            }
            if (vectorApi.equals("off")) {
                System.setProperty("trt4j.image.vector", "false"); // read once, when the decoder first loads
            }
            String status = JpegDecoder.vectorStatus();
            if (!status.startsWith(vectorApi)) {
                throw new IllegalStateException("vectorApi=" + vectorApi + " but the JPEG decoder's Vector API kernels"
                        + " are " + status);
            }
            String resampler = Preprocessor.resamplerVectorStatus();
            if (!resampler.startsWith(vectorApi)) {
                throw new IllegalStateException("vectorApi=" + vectorApi + " but the resampler's Vector API strips are "
                        + resampler);
            }
            String dir = System.getProperty("trt4j.fixtures", System.getenv().getOrDefault("TRT4J_FIXTURES", ".fixtures"));
            encoded = new byte[JPEGS.length][];
            decoded = new RgbImage[JPEGS.length];
            for (int i = 0; i < JPEGS.length; i++) {
                Path p = Path.of(dir, "images", JPEGS[i]);
                encoded[i] = Files.readAllBytes(p);
                decoded[i] = ImageDecoder.defaults().decode(p);
            }
            Preprocessor.Builder b = Preprocessor.builder(SIZE, SIZE).geometry(Geometry.stretch())
                    .resizeMethod(ResizeMethod.BILINEAR_ANTIALIAS).normalization(Normalization.INCEPTION)
                    .layout(TensorLayout.NCHW);
            exact = b.build();
            fast = b.fastDecode(true).build();
            imageIo = ImageDecoder.builder().javaJpeg(false).build();
            exactImageIo = b.fastDecode(false).decoder(imageIo).build();
            fastImageIo = b.fastDecode(true).decoder(imageIo).build();
            inceptionCrop = Preprocessor.inceptionV3().layout(TensorLayout.NCHW).build();
            inceptionCropFast = Preprocessor.inceptionV3().layout(TensorLayout.NCHW).fastDecode(true).build();
            bilinear = bilinear(SIZE, false);
            bilinearFast = bilinear(SIZE, true);
            bilinear224 = bilinear(224, false);
            bilinear224Fast = bilinear(224, true);
            uint8Nhwc = Preprocessor.builder(SIZE, SIZE).resizeMethod(ResizeMethod.BILINEAR_ANTIALIAS)
                    .normalization(Normalization.NONE).dataType(DataType.UINT8).layout(TensorLayout.NHWC)
                    .build();
            batch = BatchPreprocessor.create(exact);
        }

        /** Stretch to {@code side} x {@code side} with plain bilinear, Inception [-1, 1], NCHW. */
        private static Preprocessor bilinear(int side, boolean fastDecode) {
            return Preprocessor.builder(side, side).resizeMethod(ResizeMethod.BILINEAR)
                    .normalization(Normalization.INCEPTION).layout(TensorLayout.NCHW).fastDecode(fastDecode).build();
        }

        @TearDown(Level.Trial)
        public void close() {
            batch.close();
        }
    }

    /** Per-thread destination and image rotation. */
    @State(Scope.Thread)
    public static class Slot {
        ByteBuffer one;
        /** {@link #BATCH_ALL_CORES} images, allocated by the first {@code batchAllCores} call (70 MB). */
        ByteBuffer allCores;
        int next;

        @Setup(Level.Trial)
        public void allocate() {
            one = ByteBuffer.allocateDirect(3 * SIZE * SIZE * 4).order(ByteOrder.nativeOrder());
        }

        int nextIndex() {
            int i = next;
            next = (next + 1) % JPEGS.length;
            return i;
        }

        /** The next fixture's encoded bytes through {@code pre} into {@link #one}. */
        ByteBuffer writeNextEncoded(Inputs in, Preprocessor pre) throws IOException {
            int i = nextIndex();
            pre.write(in.encoded[i], JPEGS[i], one, 0);
            return one;
        }

        /** The next fixture decoded by {@code decoder}: exactly, or at least {@code minSide} square when positive. */
        RgbImage decodeNext(Inputs in, ImageDecoder decoder, int minSide) throws IOException {
            int i = nextIndex();
            return minSide > 0 ? decoder.decodeAtLeast(in.encoded[i], JPEGS[i], minSide, minSide)
                    : decoder.decode(in.encoded[i], JPEGS[i]);
        }
    }

    @Benchmark
    public ByteBuffer trt4j(Inputs in, Slot slot) throws IOException {
        return slot.writeNextEncoded(in, in.exact);
    }

    @Benchmark
    public ByteBuffer trt4jFastDecode(Inputs in, Slot slot) throws IOException {
        return slot.writeNextEncoded(in, in.fast);
    }

    @Benchmark
    public ByteBuffer trt4jBilinear(Inputs in, Slot slot) throws IOException {
        return slot.writeNextEncoded(in, in.bilinear);
    }

    @Benchmark
    public ByteBuffer trt4jBilinearFastDecode(Inputs in, Slot slot) throws IOException {
        return slot.writeNextEncoded(in, in.bilinearFast);
    }

    @Benchmark
    public ByteBuffer trt4jBilinear224(Inputs in, Slot slot) throws IOException {
        return slot.writeNextEncoded(in, in.bilinear224);
    }

    @Benchmark
    public ByteBuffer trt4jBilinear224FastDecode(Inputs in, Slot slot) throws IOException {
        return slot.writeNextEncoded(in, in.bilinear224Fast);
    }

    @Benchmark
    public ByteBuffer trt4jInceptionCrop(Inputs in, Slot slot) throws IOException {
        return slot.writeNextEncoded(in, in.inceptionCrop);
    }

    @Benchmark
    public ByteBuffer trt4jInceptionCropFastDecode(Inputs in, Slot slot) throws IOException {
        return slot.writeNextEncoded(in, in.inceptionCropFast);
    }

    @Benchmark
    public RgbImage decodeOnly(Inputs in, Slot slot) throws IOException {
        return slot.decodeNext(in, ImageDecoder.defaults(), 0);
    }

    @Benchmark
    public RgbImage decodeOnlyImageIo(Inputs in, Slot slot) throws IOException {
        return slot.decodeNext(in, in.imageIo, 0);
    }

    @Benchmark
    public RgbImage decodeQuarter(Inputs in, Slot slot) throws IOException {
        return slot.decodeNext(in, ImageDecoder.defaults(), 128);
    }

    @Benchmark
    public RgbImage decodeAtLeast299(Inputs in, Slot slot) throws IOException {
        return slot.decodeNext(in, ImageDecoder.defaults(), SIZE);
    }

    @Benchmark
    public RgbImage decodeQuarterImageIo(Inputs in, Slot slot) throws IOException {
        return slot.decodeNext(in, in.imageIo, 128);
    }

    @Benchmark
    public ByteBuffer trt4jImageIo(Inputs in, Slot slot) throws IOException {
        return slot.writeNextEncoded(in, in.exactImageIo);
    }

    @Benchmark
    public ByteBuffer trt4jFastDecodeImageIo(Inputs in, Slot slot) throws IOException {
        return slot.writeNextEncoded(in, in.fastImageIo);
    }

    @Benchmark
    public ByteBuffer resizeNormalizeOnly(Inputs in, Slot slot) {
        in.exact.write(in.decoded[slot.nextIndex()], slot.one, 0);
        return slot.one;
    }

    @Benchmark
    public ByteBuffer resizeNormalizeOnlyBilinear(Inputs in, Slot slot) {
        in.bilinear.write(in.decoded[slot.nextIndex()], slot.one, 0);
        return slot.one;
    }

    @Benchmark
    public ByteBuffer resizeOnlyUint8Nhwc(Inputs in, Slot slot) {
        in.uint8Nhwc.write(in.decoded[slot.nextIndex()], slot.one, 0);
        return slot.one;
    }

    @Benchmark
    public ByteBuffer jdkBaseline(Inputs in, Slot slot) throws IOException {
        int i = slot.nextIndex();
        BufferedImage src = ImageIO.read(new ByteArrayInputStream(in.encoded[i]));
        BufferedImage dst = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, SIZE, SIZE, null);
        g.dispose();
        ByteBuffer out = slot.one;
        int plane = SIZE * SIZE;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int rgb = dst.getRGB(x, y);
                int p = y * SIZE + x;
                out.putFloat(p * 4, ((rgb >> 16) & 0xFF) / 127.5f - 1f);
                out.putFloat((plane + p) * 4, ((rgb >> 8) & 0xFF) / 127.5f - 1f);
                out.putFloat((2 * plane + p) * 4, (rgb & 0xFF) / 127.5f - 1f);
            }
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_ALL_CORES)
    public ByteBuffer batchAllCores(Inputs in, Slot slot) throws IOException {
        if (slot.allCores == null) {
            slot.allCores = ByteBuffer.allocateDirect(BATCH_ALL_CORES * 3 * SIZE * SIZE * 4)
                    .order(ByteOrder.nativeOrder());
        }
        List<byte[]> images = new ArrayList<>(BATCH_ALL_CORES);
        for (int n = 0; n < BATCH_ALL_CORES; n++) {
            images.add(in.encoded[slot.nextIndex()]);
        }
        in.batch.fillEncoded(images, slot.allCores);
        return slot.allCores;
    }
}
