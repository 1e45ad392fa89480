package io.trt4j.bench.image;

import io.trt4j.image.Normalization;
import io.trt4j.image.Preprocessor;
import io.trt4j.image.ResizeMethod;
import io.trt4j.image.TensorLayout;
import io.trt4j.image.internal.jpeg.JpegDecoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A fresh JVM's first images: the time to preprocess the first {@code images} JPEGs of a JVM's life (the four real
 * photos in turn, plain bilinear to 299x299 Inception [-1, 1] NCHW with fast decoding, the pipeline of
 * {@link PreprocessBenchmark#trt4jBilinearFastDecode}), one shot per fork, nothing decoded before. {@code images = 1}
 * is the first image's latency; {@code images = 2000} shows what the JIT's start costs a short batch job, where the
 * steady-state benchmarks do not look. {@code vectorApi = on, off} as in {@link PreprocessBenchmark}: with the Vector
 * API kernels the first images run uncompiled vector code (much slower) before the steady state is faster.
 * Pin the fork to one core ({@code taskset -c N}) to see a one-core machine, where the JIT's compile threads share
 * that core with the work.
 *
 * <p>Thread-safety: JMH state; not for other use.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 5, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Benchmark)
public class PreprocessColdStartBenchmark {
    /** {@code on}: the Vector API kernels; {@code off}: the scalar code ({@code -Dtrt4j.image.vector=false}). */
    @Param({"on", "off"})
    public String vectorApi;

    /** Images from the JVM's first on. */
    @Param({"1", "2000"})
    public int images;

    private byte[][] encoded;
    private Preprocessor pre;
    private ByteBuffer slot;

    /** Reads the photos' bytes and builds the preprocessor; decodes nothing. */
    @Setup(Level.Trial)
    public void load() throws IOException {
        if (vectorApi.equals("off")) {
            System.setProperty("trt4j.image.vector", "false"); // read when the decoder first loads: below
        } else if (!vectorApi.equals("on")) {
            throw new IllegalArgumentException("vectorApi must be on or off, got " + vectorApi);
        }
        String dir = System.getProperty("trt4j.fixtures", System.getenv().getOrDefault("TRT4J_FIXTURES", ".fixtures"));
        encoded = new byte[PreprocessBenchmark.JPEGS.length][];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = Files.readAllBytes(Path.of(dir, "images", PreprocessBenchmark.JPEGS[i]));
        }
        pre = Preprocessor.builder(PreprocessBenchmark.SIZE, PreprocessBenchmark.SIZE)
                .resizeMethod(ResizeMethod.BILINEAR).normalization(Normalization.INCEPTION)
                .layout(TensorLayout.NCHW).fastDecode(true).build();
        slot = ByteBuffer.allocateDirect((int) pre.bytesPerImage()).order(ByteOrder.nativeOrder());
    }

    /** Fails the run if the kernels that ran were not the ones asked for (e.g. the module missing with -f 0). */
    @TearDown(Level.Trial)
    public void check() {
        String status = JpegDecoder.vectorStatus();
        if (!status.startsWith(vectorApi) || !Preprocessor.resamplerVectorStatus().startsWith(vectorApi)) {
            throw new IllegalStateException("vectorApi=" + vectorApi + " but the decoder's kernels are " + status
                    + " and the resampler's " + Preprocessor.resamplerVectorStatus());
        }
    }

    @Benchmark
    public ByteBuffer firstImages() throws IOException {
        for (int i = 0; i < images; i++) {
            int k = i % encoded.length;
            pre.write(encoded[k], PreprocessBenchmark.JPEGS[k], slot, 0);
        }
        return slot;
    }
}
