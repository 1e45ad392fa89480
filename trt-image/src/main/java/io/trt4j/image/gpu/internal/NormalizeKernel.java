package io.trt4j.image.gpu.internal;

/**
 * CUDA C source of the fused normalize kernel. One thread per pixel: reads 3 bytes of UINT8 NHWC RGB, picks or
 * combines channels (RGB, BGR, BT.601 luma exactly as the CPU path), maps each 8-bit value through a per-channel
 * lookup table (float32 or binary16 bits, the same tables the CPU path uses) and stores it at its NCHW or NHWC index.
 *
 * <p>Thread-safety: constants only.
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

    private NormalizeKernel() {
    }
}
