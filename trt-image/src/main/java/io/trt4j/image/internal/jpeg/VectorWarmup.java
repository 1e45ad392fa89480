package io.trt4j.image.internal.jpeg;

import io.trt4j.image.internal.JpegYCbCr;
import io.trt4j.image.internal.VectorWarmupRunner;
import java.util.SplittableRandom;

/**
 * The JPEG decoder's Vector API kernels for {@link VectorWarmupRunner}: each kernel and its scalar original
 * ({@link VectorIslowIdct} and {@link IslowIdct}; {@link VectorScaledIdct}'s 7x7..4x4 and {@link ScaledIdct}'s /
 * {@link ReducedIdct}'s; {@link VectorUpsampler}'s three fancy upsamplers and {@link ChromaUpsampler}'s;
 * {@link VectorYCbCr} and {@link JpegYCbCr}) on generated in-range data (IDCT blocks shaped like dequantized photo
 * blocks, random sample rows of photo widths). {@link #start()} starts the warm-up thread {@value #THREAD_NAME}, which
 * runs {@link VectorSelfCheck} first and reports to {@link VectorKernels#FAMILY}.
 *
 * <p>Only loaded when {@link VectorKernels#ENABLED}.
 *
 * <p>Thread-safety: {@link #start()} is called once, from {@link VectorKernels}' class initialization; the instance
 * and its arrays are used by the warm-up thread only.
 */
final class VectorWarmup implements VectorWarmupRunner.Kernels {
    static final String THREAD_NAME = VectorWarmupRunner.THREAD_NAME;
    /** The warm-up thread's wait before it starts working ({@link VectorWarmupRunner#START_DELAY_MS}). */
    static final int START_DELAY_MS = VectorWarmupRunner.START_DELAY_MS;
    /** The warm-up's cap ({@link VectorWarmupRunner#CAP_SECONDS}). */
    static final int CAP_SECONDS = VectorWarmupRunner.CAP_SECONDS;

    /** Kernels, numbered as in {@link #call}. */
    static final String[] KERNELS = {"islow 8x8", "7x7", "6x6", "5x5", "4x4", "h1v2 fancy", "h2v1 fancy",
        "h2v2 fancy", "ycbcr"};
    private static final int BLOCKS = 64;
    /** Chroma row width (a 768-wide 4:2:0 photo's) and luma row width. */
    private static final int CHROMA_WIDTH = 384;
    private static final int LUMA_WIDTH = 768;

    private final int[][] blocks = new int[BLOCKS][];
    private final int[] workspace = new int[64];
    private final byte[] samples = new byte[64];
    private final byte[] chroma = new byte[2 * CHROMA_WIDTH];
    private final byte[] upsampled = new byte[2 * CHROMA_WIDTH];
    private final byte[] luma = new byte[LUMA_WIDTH];
    private final byte[] cb = new byte[LUMA_WIDTH];
    private final byte[] cr = new byte[LUMA_WIDTH];
    private final byte[] rgb = new byte[3 * LUMA_WIDTH];

    private VectorWarmup() {
        SplittableRandom random = new SplittableRandom(0x7274346A);
        for (int b = 0; b < BLOCKS; b++) {
            blocks[b] = block(random);
        }
        random.nextBytes(chroma);
        random.nextBytes(luma);
        random.nextBytes(cb);
        random.nextBytes(cr);
    }

    /** Starts the warm-up thread (see the class comment). */
    static void start() {
        VectorWarmupRunner.start("JPEG decoder", VectorSelfCheck::run, VectorWarmup::new,
                VectorKernels.FAMILY);
    }

    @Override
    public String[] names() {
        return KERNELS.clone();
    }

    @Override
    public void call(int k, boolean vector, int i) {
        int[] block = blocks[i % BLOCKS];
        switch (k) {
            case 0 -> {
                if (vector) {
                    VectorIslowIdct.transform(block, samples, 0, 8, workspace);
                } else {
                    IslowIdct.transform(block, samples, 0, 8, workspace, 8);
                }
            }
            case 1 -> {
                if (vector) {
                    VectorScaledIdct.transform7x7(block, samples, 0, 7, workspace);
                } else {
                    ScaledIdct.transform7x7(block, samples, 0, 7, workspace);
                }
            }
            case 2 -> {
                if (vector) {
                    VectorScaledIdct.transform6x6(block, samples, 0, 6, workspace);
                } else {
                    ScaledIdct.transform6x6(block, samples, 0, 6, workspace);
                }
            }
            case 3 -> {
                if (vector) {
                    VectorScaledIdct.transform5x5(block, samples, 0, 5, workspace);
                } else {
                    ScaledIdct.transform5x5(block, samples, 0, 5, workspace);
                }
            }
            case 4 -> {
                if (vector) {
                    VectorScaledIdct.transform4x4(block, samples, 0, 4, workspace);
                } else {
                    ReducedIdct.transform4x4(block, samples, 0, 4, workspace);
                }
            }
            case 5 -> {
                int bias = 1 + (i & 1);
                if (vector) {
                    VectorUpsampler.h1v2Fancy(chroma, 0, CHROMA_WIDTH, bias, CHROMA_WIDTH, upsampled);
                } else {
                    ChromaUpsampler.h1v2Fancy(chroma, 0, CHROMA_WIDTH, bias, CHROMA_WIDTH, upsampled);
                }
            }
            case 6 -> {
                if (vector) {
                    VectorUpsampler.h2v1Fancy(chroma, 0, CHROMA_WIDTH, upsampled);
                } else {
                    ChromaUpsampler.h2v1Fancy(chroma, 0, CHROMA_WIDTH, upsampled);
                }
            }
            case 7 -> {
                if (vector) {
                    VectorUpsampler.h2v2Fancy(chroma, 0, CHROMA_WIDTH, CHROMA_WIDTH, upsampled);
                } else {
                    ChromaUpsampler.h2v2Fancy(chroma, 0, CHROMA_WIDTH, CHROMA_WIDTH, upsampled);
                }
            }
            case 8 -> {
                if (vector) {
                    VectorYCbCr.toRgbRow(luma, 0, cb, 0, cr, 0, LUMA_WIDTH, rgb, 0);
                } else {
                    JpegYCbCr.toRgbRow(luma, 0, cb, 0, cr, 0, LUMA_WIDTH, rgb, 0);
                }
            }
            default -> throw new AssertionError("kernel " + k);
        }
    }

    /**
     * A block of dequantized coefficients (natural order) as photos give: a DC within +/-1016 and up to 12 AC
     * coefficients, more of them in the low frequencies, of magnitudes falling with frequency (at most 97). An AC
     * coefficient moves a sample by at most a quarter of its value, the DC by an eighth: every sample stays within
     * +/-420 before the level shift, inside the range where the vector IDCTs need no scalar fallback.
     */
    static int[] block(SplittableRandom random) {
        int[] block = new int[64];
        block[0] = random.nextInt(-1016, 1017);
        for (int n = random.nextInt(13); n > 0; n--) {
            int k = 1 + Math.min(random.nextInt(63), random.nextInt(63)); // zigzag index, weighted to the low ones
            int magnitude = 1 + (96 >> (k / 16));
            block[ZigZag.NATURAL_ORDER[k]] = random.nextInt(-magnitude, magnitude + 1);
        }
        return block;
    }
}
