package io.trt4j.image.gpu.internal;

import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * CUDA C source of the fused normalize kernel. One thread per pixel: reads 3 bytes of UINT8 NHWC RGB, picks or
 * combines channels (RGB, BGR, BT.601 luma exactly as the CPU path), maps each 8-bit value through a per-channel
 * lookup table (float32 or binary16 bits, the same tables the CPU path uses) and stores it at its NCHW or NHWC index.
 *
 * <p>Thread-safety: constants and a stateless launch helper.
 */
public final class NormalizeKernel {
    /** The kernel's entry point. */
    public static final String NAME = "trt4j_normalize_u8";

    /** The program text. */
    public static final String SOURCE = """
            extern "C" __global__ void trt4j_normalize_u8(
                    const unsigned char* __restrict__ src, void* __restrict__ dst,
                    const float* __restrict__ floatLut, const unsigned short* __restrict__ halfLut,
                    long long pixels, int planePixels, int channels, int planar, int half,
                    int s0, int s1, int s2, int gray) {
                long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x;
                if (idx >= pixels) {
                    return;
                }
                long long n = idx / planePixels;
                long long p = idx - n * planePixels;
                const unsigned char* px = src + idx * 3;
                int v[3];
                if (gray) {
                    v[0] = (px[0] * 19595 + px[1] * 38470 + px[2] * 7471 + 32768) >> 16;
                } else {
                    v[0] = px[s0];
                    v[1] = px[s1];
                    v[2] = px[s2];
                }
                for (int c = 0; c < channels; c++) {
                    long long o = planar ? (n * channels + c) * planePixels + p : idx * channels + c;
                    int lut = c * 256 + v[c];
                    if (half) {
                        ((unsigned short*) dst)[o] = halfLut[lut];
                    } else {
                        ((float*) dst)[o] = floatLut[lut];
                    }
                }
            }
            """;

    /** Threads per block. */
    public static final int BLOCK = 256;

    private NormalizeKernel() {
    }

    /**
     * Launches the kernel from {@code library} on {@code stream}: one thread per pixel, parameters in the order of
     * {@link #SOURCE} (device addresses and {@code pixels} as 64-bit values, the rest as 32-bit ints).
     *
     * @throws io.trt4j.core.cuda.CudaException if the launch is refused
     */
    public static void launch(KernelLibrary library, long stream, long src, long dst, long floatLut, long halfLut,
                              long pixels, int planePixels, int channels, boolean planar, boolean half,
                              int[] channelSource, boolean gray) {
        long blocks = (pixels + BLOCK - 1) / BLOCK;
        Pointer[] args = {
            new LongPointer(1).put(src), new LongPointer(1).put(dst), new LongPointer(1).put(floatLut),
            new LongPointer(1).put(halfLut), new LongPointer(1).put(pixels), new IntPointer(1).put(planePixels),
            new IntPointer(1).put(channels), new IntPointer(1).put(planar ? 1 : 0), new IntPointer(1).put(half ? 1 : 0),
            new IntPointer(1).put(channelSource[0]), new IntPointer(1).put(channelSource[1]),
            new IntPointer(1).put(channelSource[2]), new IntPointer(1).put(gray ? 1 : 0),
        };
        try {
            library.launch(blocks, BLOCK, stream, args);
        } finally {
            for (Pointer a : args) {
                a.close();
            }
        }
    }
}
