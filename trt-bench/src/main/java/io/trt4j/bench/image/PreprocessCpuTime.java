package io.trt4j.bench.image;

import io.trt4j.image.Geometry;
import io.trt4j.image.ImageDecoder;
import io.trt4j.image.Normalization;
import io.trt4j.image.Preprocessor;
import io.trt4j.image.ResizeMethod;
import io.trt4j.image.RgbImage;
import io.trt4j.image.TensorLayout;
import io.trt4j.image.internal.jpeg.JpegDecoder;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Companion to {@link PreprocessBenchmark} for shared, overloaded machines: the same single-thread workloads timed in
 * <em>CPU time of the measuring thread</em> (ThreadMXBean), reported as images per CPU-second, the best of several
 * rounds after warm-up. Wall-clock JMH scores fall with the machine's load; CPU time mostly does not (cache and
 * SMT contention still inflate it). Usage: {@code java -cp ... io.trt4j.bench.image.PreprocessCpuTime [fixturesDir]};
 * add {@code --add-modules jdk.incubator.vector} for the JPEG decoder's Vector API kernels (printed at the start).
 *
 * <p>Thread-safety: a program, single-threaded.
 */
public final class PreprocessCpuTime {
    private PreprocessCpuTime() {
    }

    interface Work {
        void run(int i) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String dir = args.length > 0 ? args[0]
                : System.getProperty("trt4j.fixtures", System.getenv().getOrDefault("TRT4J_FIXTURES", ".fixtures"));
        System.out.println("JPEG decoder Vector API kernels: " + JpegDecoder.vectorStatus());
        System.out.println("Resampler Vector API strips: " + Preprocessor.resamplerVectorStatus());
        String[] names = PreprocessBenchmark.JPEGS;
        byte[][] enc = new byte[names.length][];
        RgbImage[] dec = new RgbImage[names.length];
        for (int i = 0; i < names.length; i++) {
            enc[i] = Files.readAllBytes(Path.of(dir, "images", names[i]));
            dec[i] = ImageDecoder.defaults().decode(enc[i], names[i]);
        }
        int size = PreprocessBenchmark.SIZE;
        Preprocessor.Builder b = Preprocessor.builder(size, size).geometry(Geometry.stretch())
                .resizeMethod(ResizeMethod.BILINEAR_ANTIALIAS).normalization(Normalization.INCEPTION)
                .layout(TensorLayout.NCHW);
        Preprocessor exact = b.build();
        Preprocessor fast = b.fastDecode(true).build();
        Preprocessor crop = Preprocessor.inceptionV3().layout(TensorLayout.NCHW).build();
        Preprocessor bilinear = Preprocessor.builder(size, size).resizeMethod(ResizeMethod.BILINEAR)
                .normalization(Normalization.INCEPTION).layout(TensorLayout.NCHW).build();
        ByteBuffer out = ByteBuffer.allocateDirect(3 * size * size * 4).order(ByteOrder.nativeOrder());
        report("trt4j (decode+AA resize+normalize)", i -> exact.write(enc[i], names[i], out, 0), names);
        report("trt4j fastDecode", i -> fast.write(enc[i], names[i], out, 0), names);
        report("trt4j inceptionV3 (crop+bilinear)", i -> crop.write(enc[i], names[i], out, 0), names);
        report("trt4j stretch+bilinear (= baseline work)", i -> bilinear.write(enc[i], names[i], out, 0), names);
        report("decode only", i -> ImageDecoder.defaults().decode(enc[i], names[i]), names);
        report("resize+normalize only (AA)", i -> exact.write(dec[i], out, 0), names);
        report("resize+normalize only (bilinear)", i -> crop.write(dec[i], out, 0), names);
        report("JDK baseline (ImageIO+drawImage+getRGB)", i -> jdk(enc[i], out, size), names);
        for (int f = 0; f < names.length; f++) {
            final int only = f;
            String[] one = {names[f]};
            report("  " + names[f] + " decode only", i -> ImageDecoder.defaults().decode(enc[only], names[only]), one);
            report("  " + names[f] + " trt4j", i -> exact.write(enc[only], names[only], out, 0), one);
            report("  " + names[f] + " JDK baseline", i -> jdk(enc[only], out, size), one);
            report("  " + names[f] + " decodeAtLeast(200)", i -> ImageDecoder.defaults().decodeAtLeast(enc[only],
                    names[only], 200, 200), one);
        }
    }

    static void jdk(byte[] data, ByteBuffer out, int size) throws Exception {
        BufferedImage src = ImageIO.read(new ByteArrayInputStream(data));
        BufferedImage dst = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, size, size, null);
        g.dispose();
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = dst.getRGB(x, y);
                int p = y * size + x;
                out.putFloat(p * 4, ((rgb >> 16) & 0xFF) / 127.5f - 1f);
                out.putFloat((plane + p) * 4, ((rgb >> 8) & 0xFF) / 127.5f - 1f);
                out.putFloat((2 * plane + p) * 4, (rgb & 0xFF) / 127.5f - 1f);
            }
        }
    }

    static void report(String name, Work work, String[] names) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int per = 4 * names.length;
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 12; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int k = 0; k < per; k++) {
                work.run(k % names.length);
            }
            long t = mx.getCurrentThreadCpuTime() - t0;
            if (round >= 4) {
                best = Math.min(best, t);
            }
        }
        System.out.printf("%-42s %8.1f images per CPU-second (%.2f ms CPU/image)%n", name, per * 1e9 / best,
                best / 1e6 / per);
    }
}
