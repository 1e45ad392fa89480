package io.trt4j.image;

import io.trt4j.core.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every normalization preset x colour order x layout x data type, written without resizing (output size = image size),
 * compared element by element with the textbook formulas evaluated here in double precision.
 */
class NormalizeLayoutTest {
    private static final int W = 7;
    private static final int H = 5;

    /** Independent formulas per preset and output channel (in output channel order). */
    static double formula(String preset, int x, int outChannel, ColorOrder order) {
        return switch (preset) {
            case "NONE" -> x;
            case "ZERO_ONE" -> x / 255.0;
            case "INCEPTION" -> x / 127.5 - 1.0;
            case "IMAGENET" -> {
                double[] mean = {0.485, 0.456, 0.406};
                double[] std = {0.229, 0.224, 0.225};
                yield (x / 255.0 - mean[outChannel]) / std[outChannel];
            }
            case "CAFFE_BGR" -> { // defined on B, G, R
                double[] meanBgr = {103.939, 116.779, 123.68};
                yield x - meanBgr[outChannel];
            }
            case "CUSTOM" -> (x - new double[] {10, 20, 30}[outChannel]) / new double[] {2, 4, 8}[outChannel];
            default -> throw new AssertionError(preset);
        };
    }

    static Normalization preset(String name) {
        return switch (name) {
            case "NONE" -> Normalization.NONE;
            case "ZERO_ONE" -> Normalization.ZERO_ONE;
            case "INCEPTION" -> Normalization.INCEPTION;
            case "IMAGENET" -> Normalization.IMAGENET;
            case "CAFFE_BGR" -> Normalization.CAFFE_BGR;
            case "CUSTOM" -> Normalization.meanStd(new double[] {10, 20, 30}, new double[] {2, 4, 8});
            default -> throw new AssertionError(name);
        };
    }

    static Stream<Arguments> combinations() {
        List<Arguments> out = new ArrayList<>();
        for (String p : new String[] {"NONE", "ZERO_ONE", "INCEPTION", "IMAGENET", "CAFFE_BGR", "CUSTOM"}) {
            for (ColorOrder o : ColorOrder.values()) {
                boolean perChannel = p.equals("IMAGENET") || p.equals("CAFFE_BGR") || p.equals("CUSTOM");
                if (o == ColorOrder.GRAY && perChannel) {
                    continue;
                }
                for (TensorLayout l : TensorLayout.values()) {
                    for (DataType t : new DataType[] {DataType.FLOAT, DataType.HALF, DataType.UINT8}) {
                        if (t == DataType.UINT8 && !p.equals("NONE")) {
                            continue;
                        }
                        out.add(Arguments.of(p, o, l, t));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("combinations")
    void matchesFormula(String presetName, ColorOrder order, TensorLayout layout, DataType type) {
        RgbImage img = TestImages.random(W, H, 11);
        Preprocessor p = Preprocessor.builder(W, H).normalization(preset(presetName)).colorOrder(order)
                .layout(layout).dataType(type).resizeMethod(ResizeMethod.BILINEAR_ANTIALIAS).build();
        int batch = layout.batched() ? 2 : 1;
        int index = batch - 1;
        ByteBuffer buf = ByteBuffer.allocateDirect((int) p.bytesPerImage() * batch).order(ByteOrder.nativeOrder());
        p.write(img, buf, index);
        int channels = order.channels();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int r = img.get(x, y, 0);
                int g = img.get(x, y, 1);
                int b = img.get(x, y, 2);
                int[] values = switch (order) {
                    case RGB -> new int[] {r, g, b};
                    case BGR -> new int[] {b, g, r};
                    case GRAY -> new int[] {(int) Math.floor(0.299 * r + 0.587 * g + 0.114 * b + 0.5 - 1e-9)};
                };
                if (order == ColorOrder.GRAY) {
                    // PIL's fixed point: (19595 r + 38470 g + 7471 b + 0x8000) >> 16, within 1 of the real formula
                    int fixed = (19595 * r + 38470 * g + 7471 * b + 0x8000) >> 16;
                    assertTrue(Math.abs(fixed - values[0]) <= 1);
                    values[0] = fixed;
                }
                for (int c = 0; c < channels; c++) {
                    long element = layout.planar() ? ((long) c * H + y) * W + x : ((long) y * W + x) * channels + c;
                    long byteOffset = (index * (long) channels * H * W + element) * type.byteSize();
                    double expected = formula(presetName, values[c], c, order);
                    String where = "x=" + x + " y=" + y + " c=" + c;
                    switch (type) {
                        case FLOAT -> assertEquals((float) expected, buf.getFloat((int) byteOffset), 0f, where);
                        case HALF -> assertEquals(HalfReference.nearest((float) expected),
                                buf.getShort((int) byteOffset), where);
                        case UINT8 -> assertEquals((int) expected, buf.get((int) byteOffset) & 0xFF, where);
                        default -> throw new AssertionError(type);
                    }
                }
            }
        }
    }

    @Test
    void nchwAndNhwcAreTransposesOfEachOther() {
        RgbImage img = TestImages.smooth(40, 30, 3);
        Preprocessor nchw = Preprocessor.builder(19, 13).layout(TensorLayout.NCHW).build();
        Preprocessor nhwc = Preprocessor.builder(19, 13).layout(TensorLayout.NHWC).build();
        float[] a = floats(nchw, img, 3, 2);
        float[] b = floats(nhwc, img, 3, 2);
        float[] back = new float[a.length];
        int plane = 19 * 13;
        for (int n = 0; n < 3; n++) { // NHWC -> NCHW
            for (int i = 0; i < plane; i++) {
                for (int c = 0; c < 3; c++) {
                    back[n * plane * 3 + c * plane + i] = b[n * plane * 3 + i * 3 + c];
                }
            }
        }
        assertArrayEquals(a, back);
        float[] forth = new float[a.length];
        for (int n = 0; n < 3; n++) { // NCHW -> NHWC
            for (int i = 0; i < plane; i++) {
                for (int c = 0; c < 3; c++) {
                    forth[n * plane * 3 + i * 3 + c] = back[n * plane * 3 + c * plane + i];
                }
            }
        }
        assertArrayEquals(b, forth);
    }

    @Test
    void writesOnlyItsSlotAndHonoursPositionAndByteOrder() {
        RgbImage img = TestImages.random(8, 8, 5);
        Preprocessor p = Preprocessor.builder(8, 8).build();
        int bytes = (int) p.bytesPerImage();
        ByteBuffer buf = ByteBuffer.allocateDirect(16 + 3 * bytes + 16).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < buf.capacity(); i++) {
            buf.put(i, (byte) 0x7F);
        }
        buf.position(16).limit(16 + 3 * bytes);
        p.write(img, buf, 1);
        assertEquals(16, buf.position(), "position untouched");
        assertEquals(16 + 3 * bytes, buf.limit(), "limit untouched");
        ByteBuffer all = buf.duplicate().clear();
        for (int i = 0; i < 16 + bytes; i++) {
            assertEquals(0x7F, all.get(i), "byte " + i + " before the slot");
        }
        for (int i = 16 + 2 * bytes; i < all.capacity(); i++) {
            assertEquals(0x7F, all.get(i), "byte " + i + " after the slot");
        }
        // big-endian buffer: first element is R(0,0) / 255
        assertEquals((float) (img.get(0, 0, 0) / 255.0), buf.getFloat(16 + bytes));
    }

    @Test
    void bufferTooSmallIsRejectedBeforeWriting() {
        RgbImage img = TestImages.random(8, 8, 5);
        Preprocessor p = Preprocessor.builder(8, 8).build();
        int bytes = (int) p.bytesPerImage();
        ByteBuffer buf = ByteBuffer.allocateDirect(2 * bytes - 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.write(img, buf, 1));
        assertTrue(e.getMessage().contains(String.valueOf(2 * bytes)) && e.getMessage().contains(String.valueOf(2 * bytes - 1)),
                e.getMessage());
        for (int i = 0; i < buf.capacity(); i++) {
            assertEquals(0, buf.get(i));
        }
        assertThrows(IllegalArgumentException.class, () -> p.write(img, buf, -1));
        assertThrows(IllegalArgumentException.class, () -> p.checkCapacity(buf, 2));
        Preprocessor chw = Preprocessor.builder(8, 8).layout(TensorLayout.CHW).build();
        assertThrows(IllegalArgumentException.class,
                () -> chw.write(img, ByteBuffer.allocateDirect(10 * bytes), 1));
    }

    @Test
    void invalidConfigurationsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Preprocessor.builder(4, 4).dataType(DataType.UINT8).normalization(Normalization.ZERO_ONE).build());
        assertThrows(IllegalArgumentException.class,
                () -> Preprocessor.builder(4, 4).dataType(DataType.INT32).build());
        assertThrows(IllegalArgumentException.class,
                () -> Preprocessor.builder(4, 4).colorOrder(ColorOrder.GRAY).normalization(Normalization.IMAGENET).build());
        assertThrows(IllegalArgumentException.class,
                () -> Preprocessor.builder(224, 224).geometry(Geometry.resizeShorterSideThenCenterCrop(200)).build());
        assertThrows(IllegalArgumentException.class, () -> Preprocessor.builder(0, 4));
        assertThrows(IllegalArgumentException.class,
                () -> Normalization.meanStd(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> Normalization.meanStd(new double[] {1}, new double[] {0}));
    }

    @Test
    void shapes() {
        Preprocessor p = Preprocessor.builder(5, 3).layout(TensorLayout.NHWC).colorOrder(ColorOrder.GRAY).build();
        assertArrayEquals(new long[] {4, 3, 5, 1}, p.shape(4));
        assertEquals(5 * 3 * 4, p.bytesPerImage());
        assertArrayEquals(new long[] {3, 3, 5}, TensorLayout.CHW.shape(1, 3, 3, 5));
    }

    static float[] floats(Preprocessor p, RgbImage img, int batch, int threadsIgnored) {
        ByteBuffer buf = ByteBuffer.allocateDirect((int) p.bytesPerImage() * batch).order(ByteOrder.nativeOrder());
        for (int n = 0; n < batch; n++) {
            p.write(img, buf, n);
        }
        float[] out = new float[buf.capacity() / 4];
        buf.asFloatBuffer().get(out);
        return out;
    }
}
