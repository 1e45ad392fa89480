package io.trt4j.image.internal.jpeg;

import io.trt4j.image.internal.JpegYCbCr;

/**
 * Turns decoded Y, Cb, Cr sample planes into interleaved RGB rows: chroma upsampled by {@link ChromaUpsampler}
 * (method per component as libjpeg's {@code jinit_upsampler}, from the component's size after the possibly scaled
 * IDCT, so that chroma the IDCT already enlarged to the luma resolution needs none; edge rows and columns handled as
 * its {@code jdmainct.c} context rows do), then {@link JpegYCbCr#toRgbRow}.
 *
 * <p>Rows are converted incrementally ({@link #convertUpTo}) so that the caller can convert each band of output
 * rows right after the scan has decoded the sample rows it depends on (including the row below for vertical fancy
 * upsampling), while those samples are still in cache. When the scan runs the Vector API kernels
 * ({@link ScanDecoder#vectorKernels()}) the fancy upsampling is {@link VectorUpsampler}'s and the colour conversion
 * {@link VectorYCbCr}'s (the same bytes).
 *
 * <p>Thread-safety: not thread-safe; one instance per decode.
 */
final class PlaneConverter {
    private final ChromaUpsampler.Method[] methods = new ChromaUpsampler.Method[3];
    private final int[] width = new int[3];
    private final int[] height = new int[3];
    private final byte[][] rows = new byte[3][];
    private final int[] offsets = new int[3];
    private final byte[][] planes;
    private final int[] planeWidth;
    private final int outW;
    private final int outH;
    private final byte[] out;
    /**
     * Fancy upsampling and colour conversion take the Vector API kernels (only where {@link VectorKernels#ENABLED},
     * tested first so that C2 folds the vector code away without the module).
     */
    private final boolean vector;
    private int nextRow;

    /**
     * @param blockSize  per component, samples per block side after the IDCT
     * @param minSize    the luma block size, libjpeg's {@code min_DCT_scaled_size}: the scale numerator M of M/8
     * @param planes     the scan's sample planes (filled in as the scan proceeds)
     * @param planeWidth the planes' row strides
     * @param fancyH1v2  see {@link ChromaUpsampler#choose}
     * @param out        receives {@code outW * outH} RGB pixels, HWC uint8
     * @param vector     whether to run the Vector API kernels (only where {@link VectorKernels#ENABLED}): the scan's
     *                   choice, {@link ScanDecoder#vectorKernels()}
     */
    PlaneConverter(JpegHeader header, int[] blockSize, int minSize, byte[][] planes, int[] planeWidth, int outW,
            int outH, boolean fancyH1v2, byte[] out, boolean vector) throws UnsupportedJpegException {
        this.vector = vector;
        JpegHeader.Component[] comps = header.components;
        for (int c = 0; c < 3; c++) {
            int hIn = comps[c].h() * blockSize[c] / minSize;
            int vIn = comps[c].v() * blockSize[c] / minSize;
            if (header.maxH % hIn != 0 || header.maxV % vIn != 0) {
                throw new UnsupportedJpegException("non-integral upsampling");
            }
            // libjpeg's downsampled_width/height: the component's real extent in samples
            width[c] = JpegDecoder.componentSize(header.width(), comps[c].h(), header.maxH, blockSize[c]);
            height[c] = JpegDecoder.componentSize(header.height(), comps[c].v(), header.maxV, blockSize[c]);
            methods[c] = ChromaUpsampler.choose(header.maxH / hIn, header.maxV / vIn, minSize > 1, width[c],
                    fancyH1v2);
            rows[c] = new byte[2 * width[c] + 2];
        }
        if (methods[0] != ChromaUpsampler.Method.FULL) {
            throw new UnsupportedJpegException("luma needs upsampling");
        }
        this.planes = planes;
        this.planeWidth = planeWidth;
        this.outW = outW;
        this.outH = outH;
        this.out = out;
    }

    /**
     * Converts output rows from where the last call stopped up to {@code end} (exclusive, clipped to the image
     * height). The sample rows these need (for vertical fancy upsampling: the chroma row below the last one) must
     * have been decoded.
     */
    void convertUpTo(int end) {
        byte[] luma = planes[0];
        int lumaStride = planeWidth[0];
        int stop = Math.min(end, outH);
        for (int y = nextRow, o = 3 * outW * y; y < stop; y++, o += 3 * outW) {
            for (int c = 1; c < 3; c++) {
                offsets[c] = upsampleRow(methods[c], planes[c], planeWidth[c], width[c], height[c], y, rows[c],
                        VectorKernels.ENABLED && vector);
            }
            byte[] cb = offsets[1] < 0 ? rows[1] : planes[1];
            byte[] cr = offsets[2] < 0 ? rows[2] : planes[2];
            if (VectorKernels.ENABLED && vector) { // a static final: without the module C2 folds this away
                VectorYCbCr.toRgbRow(luma, y * lumaStride, cb, Math.max(0, offsets[1]), cr, Math.max(0, offsets[2]),
                        outW, out, o);
            } else {
                JpegYCbCr.toRgbRow(luma, y * lumaStride, cb, Math.max(0, offsets[1]), cr, Math.max(0, offsets[2]),
                        outW, out, o);
            }
        }
        nextRow = Math.max(nextRow, stop);
    }

    /**
     * Produces output row {@code y} of one component: either returns the offset of that row inside {@code plane}
     * (no work needed) or writes it into {@code row} and returns -1.
     */
    private static int upsampleRow(ChromaUpsampler.Method method, byte[] plane, int stride, int width, int height,
            int y, byte[] row, boolean vector) {
        switch (method) {
            case FULL:
                return y * stride;
            case H1V2:
                return (y >> 1) * stride;
            case H1V2_FANCY: {
                int near = y >> 1;
                boolean even = (y & 1) == 0;
                int far = even ? Math.max(near - 1, 0) : Math.min(near + 1, height - 1);
                if (vector) {
                    VectorUpsampler.h1v2Fancy(plane, near * stride, far * stride, even ? 1 : 2, width, row);
                } else {
                    ChromaUpsampler.h1v2Fancy(plane, near * stride, far * stride, even ? 1 : 2, width, row);
                }
                return -1;
            }
            case H2V1_FANCY:
                if (vector) {
                    VectorUpsampler.h2v1Fancy(plane, y * stride, width, row);
                } else {
                    ChromaUpsampler.h2v1Fancy(plane, y * stride, width, row);
                }
                return -1;
            case H2V1:
                ChromaUpsampler.h2v1Replicate(plane, y * stride, width, row);
                return -1;
            case H2V2:
                ChromaUpsampler.h2v1Replicate(plane, (y >> 1) * stride, width, row);
                return -1;
            case H2V2_FANCY: {
                int near = y >> 1;
                int far = (y & 1) == 0 ? Math.max(near - 1, 0) : Math.min(near + 1, height - 1);
                if (vector) {
                    VectorUpsampler.h2v2Fancy(plane, near * stride, far * stride, width, row);
                } else {
                    ChromaUpsampler.h2v2Fancy(plane, near * stride, far * stride, width, row);
                }
                return -1;
            }
            default:
                throw new AssertionError(method);
        }
    }
}
