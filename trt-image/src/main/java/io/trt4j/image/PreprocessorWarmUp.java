package io.trt4j.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * {@link Preprocessor#warmUp}: runs a preprocessor's whole pipeline (decode, resize, normalize, write) on a sample
 * JPEG in rounds of {@value #ROUND} images until the JIT has compiled it: done once {@value #SETTLED_ROUNDS} rounds
 * in a row, after at least {@value #MIN_ROUNDS}, each took at most {@value #SETTLED_FACTOR} times the best round so
 * far and the JIT compiled for at most {@value #QUIET_PERCENT}% of the round's time
 * ({@link CompilationMXBean#getTotalCompilationTime()}, where the JVM reports it). Time alone stopped too early: the
 * pipeline runs at a steady pace under C1 too, before C2 has compiled it, and the images after such a warm-up still
 * met pauses of 170 ms. A fresh JVM runs the pipeline's code interpreted first, then
 * compiled by C1, then by C2; with the Vector API kernels on (uncompiled vector code is hundreds of times slower) its
 * first images take up to a second each, and full speed comes two to three seconds later on one core. A service calls
 * this before it takes requests, so that no request pays for that.
 *
 * <p>The default samples are four generated photo-like JPEGs (smooth gradients, waves and noise; baseline, quality
 * 75) with the chroma samplings of photos: 4:2:0 (640x480), 4:2:2 (576x432, restart markers), 4:4:0 (480x640 portrait,
 * restart markers) and 4:4:4 (512x384), encoded once per JVM with javax.imageio. Each sampling and restart markers
 * take code paths of their own: a warm-up on 4:2:0 alone left the real photos of the benchmarks (4:2:2 and 4:4:0)
 * a pause of 215 ms.
 *
 * <p>Thread-safety: stateless; each call uses its own buffer.
 */
final class PreprocessorWarmUp {
    /** Images per timed round. */
    static final int ROUND = 8;
    /** Rounds before the time may count as settled. */
    static final int MIN_ROUNDS = 5;
    /** Consecutive rounds within {@link #SETTLED_FACTOR} of the best one that count as settled. */
    static final int SETTLED_ROUNDS = 3;
    /** A round at most this many times the best round's time counts as settled. */
    static final double SETTLED_FACTOR = 1.15;
    /** A round during which the JIT compiled for at most this share of its time (percent) counts as settled. */
    static final int QUIET_PERCENT = 5;

    private PreprocessorWarmUp() {
    }

    /**
     * @param samples encoded images (any format the preprocessor's decoder reads), run in turn
     * @param maxTime the limit; a round once started is finished
     */
    static WarmUpReport run(Preprocessor pre, byte[][] samples, Duration maxTime) throws IOException {
        ByteBuffer slot = ByteBuffer.allocateDirect((int) pre.bytesPerImage()).order(ByteOrder.nativeOrder());
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long deadline = start + maxTime.toNanos();
        long best = Long.MAX_VALUE;
        long last = 0;
        int images = 0;
        int rounds = 0;
        int settledRounds = 0;
        boolean settled;
        do {
            long compiling = jitTimed ? jit.getTotalCompilationTime() : 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < ROUND; i++) {
                pre.write(samples[i % samples.length], "warm-up sample", slot, 0);
            }
            last = System.nanoTime() - t0;
            long compiledMillis = jitTimed ? jit.getTotalCompilationTime() - compiling : 0;
            images += ROUND;
            rounds++;
            best = Math.min(best, last);
            boolean quiet = compiledMillis * 1_000_000L * 100 <= QUIET_PERCENT * last;
            settledRounds = last <= SETTLED_FACTOR * best && quiet ? settledRounds + 1 : 0;
            settled = rounds >= MIN_ROUNDS && settledRounds >= SETTLED_ROUNDS;
        } while (!settled && System.nanoTime() - deadline < 0);
        return new WarmUpReport(images, Duration.ofNanos(System.nanoTime() - start), last / 1e6 / ROUND, settled);
    }

    /** The default samples (see the class comment), encoded once per JVM; shared: read them, never write. */
    static byte[][] defaultSamples() {
        return Samples.JPEGS;
    }

    /** Encoded on first use. */
    private static final class Samples {
        /** Width, height, luma sampling factors (h, v) and restart interval (0: none) of each sample. */
        private static final int[][] SHAPES = {{640, 480, 2, 2, 0}, {576, 432, 2, 1, 36}, {480, 640, 1, 2, 40},
            {512, 384, 1, 1, 0}};
        static final byte[][] JPEGS = new byte[SHAPES.length][];

        static {
            for (int i = 0; i < SHAPES.length; i++) {
                int[] s = SHAPES[i];
                JPEGS[i] = encode(photoLike(s[0], s[1], i), s[2], s[3], s[4]);
            }
        }

        /** Smooth gradients and waves plus noise: IDCT blocks and Huffman symbols like a photo's. */
        private static BufferedImage photoLike(int w, int h, int seed) {
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            SplittableRandom random = new SplittableRandom(299 + seed);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int noise = random.nextInt(-24, 25);
                    int r = clamp(255 * x / w + noise);
                    int g = clamp(255 * y / h + noise);
                    int b = clamp(128 + (int) (90 * Math.sin(x * 0.05) * Math.cos(y * 0.07)) + noise);
                    image.setRGB(x, y, r << 16 | g << 8 | b);
                }
            }
            return image;
        }

        /**
         * Baseline JPEG, quality 75, through the javax.imageio writer with the luma component's sampling factors
         * (chroma 1x1) and the restart interval set in its native metadata.
         */
        private static byte[] encode(BufferedImage image, int hSampling, int vSampling, int restartInterval) {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try {
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
                String format = "javax_imageio_jpeg_image_1.0";
                IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
                IIOMetadataNode luma = (IIOMetadataNode) root.getElementsByTagName("componentSpec").item(0);
                luma.setAttribute("HsamplingFactor", Integer.toString(hSampling));
                luma.setAttribute("VsamplingFactor", Integer.toString(vSampling));
                if (restartInterval > 0) {
                    IIOMetadataNode dri = new IIOMetadataNode("dri");
                    dri.setAttribute("interval", Integer.toString(restartInterval));
                    IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
                    markers.insertBefore(dri, root.getElementsByTagName("sos").item(0));
                }
                metadata.setFromTree(format, root);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                    writer.setOutput(stream);
                    writer.write(null, new IIOImage(image, null, metadata), param);
                }
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                writer.dispose();
            }
        }

        private static int clamp(int v) {
            return Math.max(0, Math.min(255, v));
        }
    }
}
