package io.trt4j.image.internal.jpeg;

import io.trt4j.image.RgbImage;
import io.trt4j.image.internal.JpegYCbCr;
import io.trt4j.image.internal.ScratchArrays;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link JpegDecoder#decodePlanes}: the samples the RGB decode converts, at each plane's own resolution. */
class JpegPlanesTest {
    /** Without subsampling the planes converted are the RGB decode, byte for byte, at every scale. */
    @Test
    void unsubsampledPlanesAreWhatTheRgbDecodeConverts() throws Exception {
        BufferedImage colour = TestJpegs.noise(61, 43, false, 3);
        BufferedImage gray = TestJpegs.noise(61, 43, true, 4);
        for (byte[] jpeg : new byte[][] {TestJpegs.encode(colour, 0.9f, 1, 1, 0, false),
            TestJpegs.encode(gray, 0.9f, 1, 1, 2, false)}) {
            JpegHeader header = JpegDecoder.readHeader(jpeg);
            for (int scale = 1; scale <= 8; scale++) {
                RgbImage rgb = JpegDecoder.decodeScaled(jpeg, header, scale, true);
                JpegPlanes planes = JpegDecoder.decodePlanes(jpeg, header, scale, null);
                assertEquals(rgb.width(), planes.width());
                assertEquals(rgb.height(), planes.height());
                byte[] converted = new byte[rgb.pixels().length];
                for (int y = 0; y < planes.height(); y++) {
                    int o = 3 * y * planes.width();
                    if (planes.components() == 1) {
                        for (int x = 0; x < planes.width(); x++) {
                            byte v = planes.plane(0)[y * planes.stride(0) + x];
                            converted[o + 3 * x] = converted[o + 3 * x + 1] = converted[o + 3 * x + 2] = v;
                        }
                    } else {
                        JpegYCbCr.toRgbRow(planes.plane(0), y * planes.stride(0), planes.plane(1),
                                y * planes.stride(1), planes.plane(2), y * planes.stride(2), planes.width(),
                                converted, o);
                    }
                }
                assertArrayEquals(rgb.pixels(), converted, planes.components() + " components, scale " + scale);
                for (int c = 0; c < planes.components(); c++) {
                    assertEquals(1.0, planes.xRatio(c));
                    assertEquals(1.0, planes.yRatio(c));
                    assertEquals(planes.width(), planes.planeWidth(c));
                }
            }
        }
    }

    /** Subsampled chroma keeps its resolution: libjpeg's downsampled size at the scale, and the ratio to the image. */
    @Test
    void subsampledChromaKeepsItsResolution() throws Exception {
        BufferedImage colour = TestJpegs.noise(61, 43, false, 5);
        int[][] layouts = {{2, 2}, {2, 1}, {1, 2}};
        for (int[] l : layouts) {
            byte[] jpeg = TestJpegs.encode(colour, 0.9f, l[0], l[1], 0, false);
            JpegHeader header = JpegDecoder.readHeader(jpeg);
            for (int scale = 1; scale <= 8; scale++) {
                JpegPlanes planes = JpegDecoder.decodePlanes(jpeg, header, scale, null);
                String what = l[0] + "x" + l[1] + " scale " + scale;
                int w = JpegDecoder.scaledSizeByEighths(61, scale);
                int h = JpegDecoder.scaledSizeByEighths(43, scale);
                assertEquals(w, planes.width(), what);
                assertEquals(w, planes.planeWidth(0), what);
                assertEquals(h, planes.planeHeight(0), what);
                for (int c = 1; c < 3; c++) {
                    assertEquals(1.0 / l[0], planes.xRatio(c), what);
                    assertEquals(1.0 / l[1], planes.yRatio(c), what);
                    assertEquals((61 * scale + 8 * l[0] - 1) / (8 * l[0]), planes.planeWidth(c), what);
                    assertEquals((43 * scale + 8 * l[1] - 1) / (8 * l[1]), planes.planeHeight(c), what);
                }
            }
        }
    }

    /** Damaged data: the decoder's exception, and the planes taken from the spare arrays go back to them. */
    @Test
    void corruptDataThrowsAndGivesThePlanesBack() throws Exception {
        byte[] jpeg = TestJpegs.encode(TestJpegs.noise(64, 48, false, 6), 0.9f, 2, 2, 0, false);
        byte[] truncated = java.util.Arrays.copyOf(jpeg, jpeg.length / 2);
        JpegHeader header = JpegDecoder.readHeader(truncated);
        ScratchArrays scratch = ScratchArrays.ofThisThread();
        Exception e = assertThrows(Exception.class, () -> JpegDecoder.decodePlanes(truncated, header, 4, scratch));
        assertEquals(true, e instanceof CorruptJpegException || e instanceof UnsupportedJpegException, e.toString());
        // the luma plane (32 x 24 samples at 4/8) is among the spare arrays again
        byte[] kept = scratch.bytesAtLeast(32 * 24);
        assertEquals(true, kept.length >= 32 * 24 && kept.length <= 2 * 32 * 24, "kept " + kept.length);
    }
}
