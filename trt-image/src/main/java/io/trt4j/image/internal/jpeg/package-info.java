/**
 * A pure-Java baseline JPEG decoder that reproduces the JDK's javax.imageio JPEG decoder (libjpeg) bit for bit, and
 * decodes at scale M/8 (M = 1..7) in the DCT domain bit for bit as libjpeg-turbo does (tested against its
 * {@code djpeg -scale M/8}).
 *
 * <p>Supported: sequential Huffman-coded 8-bit frames (SOF0, SOF1) with one interleaved scan holding either one
 * component (grayscale) or three YCbCr components whose luma sampling is 1x1, 2x1, 1x2 or 2x2 and whose chroma
 * sampling is 1x1; restart intervals. Everything else (progressive, lossless, arithmetic coding, 12-bit, CMYK,
 * multi-scan sequential files, DNL) is reported with {@link io.trt4j.image.internal.jpeg.UnsupportedJpegException} so
 * that the caller falls back to javax.imageio; so are the few damaged-data situations where libjpeg builds differ or
 * libjpeg's verdict depends on its buffering (extra bytes before a marker, a missing EOI, IDCT values far out of
 * range). Damaged data that libjpeg reports as corrupt (truncated entropy data, bad Huffman codes, wrong restart
 * markers, bad tables) is a {@link io.trt4j.image.internal.jpeg.CorruptJpegException}; nothing else escapes for any
 * input.
 *
 * <p>The algorithms follow libjpeg: Huffman decoding as {@code jdhuff.c} (on the entropy data with its byte stuffing
 * taken out first, {@code EntropySegments}; up to two AC coefficients from one table lookup, {@code HuffmanTable}; a
 * coefficient loop without calls, so that C2 keeps the bit buffer in registers, {@code ScanDecoder}), the ISLOW
 * integer IDCT of {@code jidctint.c}, the reduced-size IDCTs of {@code jidctred.c} (1x1, 2x2, 4x4), libjpeg-turbo
 * 2.1's scaled IDCTs of {@code jidctint.c} (3x3, 5x5, 6x6, 7x7, and 10x10, 12x12, 14x14 for 4:2:0 chroma) with
 * the per-component IDCT sizes of its {@code jdmaster.c}, chroma upsampling as {@code jdsample.c} and the YCbCr to
 * RGB tables of {@code jdcolor.c} (shared with {@link io.trt4j.image.internal.JpegYCbCr}). The JDK bundles
 * IJG libjpeg 6b but Linux distributions' OpenJDK builds link the system libjpeg-turbo instead (this machine's
 * Debian JDK 17 does: {@code libjavajpeg.so -> libjpeg.so.62}, libjpeg-turbo 2.1.5); for valid baseline data the two
 * differ only in 4:4:0 chroma upsampling, which {@link io.trt4j.image.internal.JdkJpegFlavor} detects. Entry point:
 * {@link io.trt4j.image.internal.jpeg.JpegDecoder}. Not API: may change without notice.
 *
 * <p>Besides RGB images, {@link io.trt4j.image.internal.jpeg.JpegDecoder#decodePlanes} hands out the component
 * planes themselves ({@link io.trt4j.image.internal.jpeg.JpegPlanes}): every component through the M x M IDCT, no
 * upsampling, no colour conversion; the preprocessor's fast path resizes each at its own resolution.
 *
 * <p>Vector API (opt-in): started with {@code java --add-modules jdk.incubator.vector ...} on a CPU with 256-bit
 * vectors (AVX2), the full-size IDCT ({@code VectorIslowIdct}), the 7x7, 6x6, 5x5 and 4x4 IDCTs of scaled decoding
 * ({@code VectorScaledIdct}, 1.7 to 2.5 times faster a block), the fancy chroma upsampling ({@code VectorUpsampler}),
 * the YCbCr to RGB conversion ({@code VectorYCbCr}) and the clearing of each block ({@code VectorBlockClear}) run on
 * the incubator Vector API, with the same bytes and the
 * same rejections as the scalar code (full-size decodes of the real photos about 1.8 times faster once C2 has compiled
 * them; decodes at 5/8 and 4/8 a further 6% and 17%).
 * The JVM then prints {@code WARNING: Using incubator modules: jdk.incubator.vector} on standard error at
 * start-up. The first decode checks the vector kernels against the scalar ones ({@code VectorSelfCheck}); vector code
 * runs hundreds of times slower before C1 and C2 compile it, so a fresh JVM's first decodes are slow (about a second
 * for the first photo; full speed after two to three seconds on one core).
 * {@code -Dtrt4j.image.vector=false} keeps the scalar code with the module present; without the module none of these
 * classes is loaded and no thread is started.
 * {@link io.trt4j.image.internal.jpeg.JpegDecoder#vectorStatus()} says which runs and why.
 */
package io.trt4j.image.internal.jpeg;
