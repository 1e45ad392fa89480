package io.trt4j.image;

import io.trt4j.core.DataType;
import io.trt4j.image.internal.jpeg.JpegDecoder;
import io.trt4j.image.internal.jpeg.JpegPlanes;
import io.trt4j.image.internal.jpeg.TestJpegs;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast path for baseline JPEGs ({@link Preprocessor.Builder#fastDecode}): the component planes decoded at the
 * chosen scale, each resized at its own resolution, then converted to RGB. Checked against a reference written here:
 * the decoder's planes resized by the textbook definitions in double precision ({@link PlaneResamplingTest#planeWeights},
 * chroma sited at the centre of the pixels it covers, as JFIF), then JFIF's YCbCr to RGB in double, rounded. The
 * production rounds each resized plane to 0..255 (within half a level plus float error of the definition) and
 * converts with libjpeg's fixed point, so a channel may differ by a few levels where the chroma terms amplify those
 * roundings (1.772 for blue): at most {@value #MAX_LEVELS} levels, and on average less than
 * {@value #MAX_MEAN_LEVELS}.
 */
class PlanarFastDecodeTest {
    private static final int MAX_LEVELS = 2;
    private static final double MAX_MEAN_LEVELS = 0.5;

    private record Case(String name, byte[] jpeg) {
    }

    /** Every chroma layout: fixtures (4:4:0, 4:2:2) and high-contrast noise (4:2:0, 4:4:4, gray, 4:2:2 with restarts). */
    private static List<Case> jpegs() throws Exception {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("dog.jpg (4:4:0)", Files.readAllBytes(Fixtures.image("dog.jpg"))));
        cases.add(new Case("fruits.jpg (4:2:2)", Files.readAllBytes(Fixtures.image("fruits.jpg"))));
        BufferedImage noise = TestJpegs.noise(123, 77, false, 5);
        cases.add(new Case("noise 4:2:0", TestJpegs.encode(noise, 0.95f, 2, 2, 0, false)));
        cases.add(new Case("noise 4:4:4", TestJpegs.encode(noise, 0.95f, 1, 1, 0, false)));
        cases.add(new Case("noise 4:2:2 restarts", TestJpegs.encode(noise, 0.9f, 2, 1, 3, false)));
        cases.add(new Case("noise gray", TestJpegs.encode(TestJpegs.noise(101, 67, true, 6), 0.95f, 1, 1, 0, false)));
        return cases;
    }

    /** Stretch, the Inception crop, letterbox and resize-shorter-side-then-crop for {@code w x h} output. */
    private static Geometry[] geometries(int w, int h) {
        return new Geometry[] {Geometry.stretch(), Geometry.centerCrop(0.875), Geometry.letterbox(0, 128, 255),
            Geometry.resizeShorterSideThenCenterCrop(Math.max(w, h) * 8 / 7)};
    }

    @Test
    void fastPathIsEachPlaneResizedThenConverted() throws Exception {
        for (Case c : jpegs()) {
            boolean photo = c.name.endsWith(".jpg") || c.name.contains(".jpg ");
            int[][] sizes = photo ? new int[][] {{299, 299}} : new int[][] {{37, 29}, {60, 45}};
            for (int[] size : sizes) {
                Geometry[] geometries = geometries(size[0], size[1]);
                for (Geometry g : geometries) {
                    for (ResizeMethod m : ResizeMethod.values()) {
                        if (photo && (m == ResizeMethod.NEAREST || m == ResizeMethod.AREA) && g != geometries[0]) {
                            continue; // the photos: every method stretched, the bilinear ones in every geometry
                        }
                        check(c, size[0], size[1], g, m);
                    }
                }
            }
        }
    }

    private static void check(Case c, int w, int h, Geometry g, ResizeMethod m) throws Exception {
        Preprocessor pre = Preprocessor.builder(w, h).geometry(g).resizeMethod(m).normalization(Normalization.NONE)
                .dataType(DataType.UINT8).layout(TensorLayout.NHWC).fastDecode(true).build();
        byte[] actual = tensor(pre, c.jpeg);
        int[] expected = reference(c.jpeg, pre.decode(c.jpeg, c.name).width(), w, h, g, m);
        String what = c.name + " " + w + "x" + h + " " + g + " " + m;
        int worst = 0;
        long sum = 0;
        for (int i = 0; i < expected.length; i++) {
            int d = Math.abs((actual[i] & 0xFF) - expected[i]);
            worst = Math.max(worst, d);
            sum += d;
        }
        double mean = (double) sum / expected.length;
        assertTrue(worst <= MAX_LEVELS, what + ": largest difference " + worst + " levels");
        assertTrue(mean < MAX_MEAN_LEVELS, what + ": mean difference " + mean + " levels");
    }

    /**
     * The reference HWC RGB tensor (0..255): the planes at the scale whose width is {@code decodedWidth}, placed as
     * {@code g} places that image, resized by the definition, converted by JFIF's formulas; fill outside the window.
     */
    private static int[] reference(byte[] jpeg, int decodedWidth, int w, int h, Geometry g, ResizeMethod m)
            throws Exception {
        var header = JpegDecoder.readHeader(jpeg);
        int scale = 1;
        while (JpegDecoder.scaledSizeByEighths(header.width(), scale) != decodedWidth) {
            scale++;
        }
        JpegPlanes planes = JpegDecoder.decodePlanes(jpeg, header, scale, null);
        Placement p = g.place(planes.width(), planes.height(), w, h);
        int[] fill = g.fill();
        int[] out = new int[w * h * 3];
        int n = planes.components();
        double[][][] wx = new double[n][p.width()][];
        double[][][] wy = new double[n][p.height()][];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < p.width(); i++) {
                wx[k][i] = PlaneResamplingTest.planeWeights(m, p.windowX() + i, p.cropX(), p.cropW(), p.resizedW(),
                        planes.xRatio(k), planes.planeWidth(k));
            }
            for (int j = 0; j < p.height(); j++) {
                wy[k][j] = PlaneResamplingTest.planeWeights(m, p.windowY() + j, p.cropY(), p.cropH(), p.resizedH(),
                        planes.yRatio(k), planes.planeHeight(k));
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = 3 * (y * w + x);
                int i = x - p.outX();
                int j = y - p.outY();
                if (i < 0 || j < 0 || i >= p.width() || j >= p.height()) {
                    out[o] = fill[0];
                    out[o + 1] = fill[1];
                    out[o + 2] = fill[2];
                    continue;
                }
                double[] v = new double[n];
                for (int k = 0; k < n; k++) {
                    byte[] plane = planes.plane(k);
                    int stride = planes.stride(k);
                    for (int sy = 0; sy < wy[k][j].length; sy++) {
                        if (wy[k][j][sy] == 0) {
                            continue;
                        }
                        for (int sx = 0; sx < wx[k][i].length; sx++) {
                            if (wx[k][i][sx] != 0) {
                                v[k] += wy[k][j][sy] * wx[k][i][sx] * (plane[sy * stride + sx] & 0xFF);
                            }
                        }
                    }
                }
                if (n == 1) {
                    out[o] = out[o + 1] = out[o + 2] = level(v[0]);
                } else {
                    out[o] = level(v[0] + 1.402 * (v[2] - 128));
                    out[o + 1] = level(v[0] - 0.344136 * (v[1] - 128) - 0.714136 * (v[2] - 128));
                    out[o + 2] = level(v[0] + 1.772 * (v[1] - 128));
                }
            }
        }
        return out;
    }

    private static int level(double v) {
        return (int) Math.max(0, Math.min(255, Math.floor(v + 0.5)));
    }

    /**
     * Where the planes do not apply the fast path is the RGB one (decode at the chosen scale, then resize): EXIF
     * orientation to apply, progressive JPEGs, other formats, damaged data with a non-strict decoder. Where they do,
     * it is not (the chroma is resized from its own resolution).
     */
    @Test
    void otherInputsTakeTheRgbPath() throws Exception {
        BufferedImage noise = TestJpegs.noise(123, 77, false, 8);
        byte[] baseline = TestJpegs.encode(noise, 0.9f, 2, 2, 0, false);
        byte[] rotated = ExifOrientationTest.withExif(baseline, 6, false);
        byte[] progressive = TestJpegs.encode(noise, 0.9f, 2, 2, 0, true);
        byte[] png = TestImages.encode(noise, "png");
        byte[] truncated = Arrays.copyOf(baseline, baseline.length * 2 / 3);
        Preprocessor fast = Preprocessor.builder(40, 30).normalization(Normalization.NONE).dataType(DataType.UINT8)
                .layout(TensorLayout.NHWC).fastDecode(true).build();
        Preprocessor lenient = Preprocessor.builder(40, 30).normalization(Normalization.NONE)
                .dataType(DataType.UINT8).layout(TensorLayout.NHWC).fastDecode(true)
                .decoder(ImageDecoder.builder().strict(false).build()).build();
        for (byte[] data : new byte[][] {rotated, progressive, png}) {
            assertArrayEquals(viaImage(fast, data), tensor(fast, data));
        }
        assertArrayEquals(viaImage(lenient, truncated), tensor(lenient, truncated));
        assertThrows(ImageDecodeException.class, () -> tensor(fast, truncated));
        assertFalse(Arrays.equals(viaImage(fast, baseline), tensor(fast, baseline)), "planes resized");
        // the orientation ignored: the planes again, the same tensor as without the tag
        Preprocessor unrotated = Preprocessor.builder(40, 30).normalization(Normalization.NONE)
                .dataType(DataType.UINT8).layout(TensorLayout.NHWC).fastDecode(true)
                .decoder(ImageDecoder.builder().exifOrientation(false).build()).build();
        assertArrayEquals(tensor(unrotated, baseline), tensor(unrotated, rotated));
        Preprocessor limited = Preprocessor.builder(40, 30).fastDecode(true)
                .decoder(ImageDecoder.builder().maxPixels(123 * 77 - 1).build()).build();
        ImageTooLargeException e = assertThrows(ImageTooLargeException.class, () -> tensor(limited, baseline));
        assertTrue(e.getMessage().contains("123"), e.getMessage());
    }

    /** The same tensor in every output type and layout: the planes feed the same writer as the RGB path. */
    @Test
    void everyLayoutAndTypeCarriesTheSameValues() throws Exception {
        byte[] jpeg = Files.readAllBytes(Fixtures.image("fruits.jpg"));
        Preprocessor hwc = Preprocessor.builder(64, 48).normalization(Normalization.NONE).dataType(DataType.UINT8)
                .layout(TensorLayout.NHWC).fastDecode(true).build();
        byte[] base = tensor(hwc, jpeg);
        Preprocessor chw = Preprocessor.builder(64, 48).normalization(Normalization.ZERO_ONE).dataType(DataType.FLOAT)
                .layout(TensorLayout.NCHW).colorOrder(ColorOrder.BGR).fastDecode(true).build();
        ByteBuffer out = ByteBuffer.allocateDirect((int) chw.bytesPerImage()).order(ByteOrder.nativeOrder());
        chw.write(jpeg, "fruits.jpg", out, 0);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 64 * 48; i++) {
                float expected = (base[3 * i + (2 - c)] & 0xFF) / 255f;
                assertEquals(expected, out.getFloat(4 * (c * 64 * 48 + i)), 1e-6f, "channel " + c + " pixel " + i);
            }
        }
    }

    private static byte[] tensor(Preprocessor pre, byte[] data) throws Exception {
        ByteBuffer out = ByteBuffer.allocateDirect((int) pre.bytesPerImage()).order(ByteOrder.nativeOrder());
        pre.write(data, "test", out, 0);
        byte[] b = new byte[out.capacity()];
        out.get(b);
        return b;
    }

    private static byte[] viaImage(Preprocessor pre, byte[] data) throws Exception {
        ByteBuffer out = ByteBuffer.allocateDirect((int) pre.bytesPerImage()).order(ByteOrder.nativeOrder());
        pre.write(pre.decode(data, "test"), out, 0);
        byte[] b = new byte[out.capacity()];
        out.get(b);
        return b;
    }
}
