package io.trt4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void floatTensorHoldsACopyInRowMajorNativeOrder() {
        float[] data = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.of(data, Shape.of(2, 3));
        data[0] = 99;
        assertEquals(DataType.FLOAT, t.dataType());
        assertEquals(Shape.of(2, 3), t.shape());
        assertEquals(24, t.byteSize());
        assertEquals(6, t.elementCount());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, t.toFloatArray());
        assertEquals(ByteOrder.nativeOrder(), t.buffer().order());
        assertTrue(t.buffer().isDirect());
        assertEquals(6f, t.buffer().getFloat(20));
        assertEquals(4f, t.getFloat(3));
    }

    @Test
    void halfAndBf16TensorsConvertBothWays() {
        float[] data = {0.1f, -2.5f, 65504f, 1e-7f};
        Tensor h = Tensor.of(DataType.HALF, data, Shape.of(4));
        assertEquals(8, h.byteSize());
        float[] back = h.toFloatArray();
        for (int i = 0; i < data.length; i++) {
            assertEquals(HalfFloat.toFloat(HalfFloat.fromFloat(data[i])), back[i]);
        }
        Tensor b = Tensor.of(DataType.BF16, data, Shape.of(2, 2));
        assertEquals(BFloat16.toFloat(BFloat16.fromFloat(-2.5f)), b.getFloat(1));
        b.setFloat(0, 3f);
        assertEquals(3f, b.getFloat(0));
    }

    @Test
    void integerTensors() {
        Tensor i = Tensor.ofInts(new int[] {1, -2, 3}, Shape.of(3));
        assertArrayEquals(new int[] {1, -2, 3}, i.toIntArray());
        assertEquals(-2f, i.getFloat(1));
        Tensor l = Tensor.ofLongs(new long[] {1L << 40, -5}, Shape.of(1, 2));
        assertArrayEquals(new long[] {1L << 40, -5}, l.toLongArray());
        Tensor u = Tensor.ofBytes(DataType.UINT8, new byte[] {(byte) 200, 1}, Shape.of(2));
        assertEquals(200f, u.getFloat(0));
        Tensor s = Tensor.ofBytes(DataType.INT8, new byte[] {(byte) 200, 1}, Shape.of(2));
        assertEquals(-56f, s.getFloat(0));
        s.setFloat(1, 1000f);
        assertEquals(127f, s.getFloat(1));
        assertThrows(IllegalStateException.class, i::toLongArray);
    }

    @Test
    void fp8E4m3Decoding() {
        Tensor t = Tensor.ofBytes(DataType.FP8, new byte[] {0x38, (byte) 0xb8, 0x7e, 0x01, 0x7f, 0x00}, Shape.of(6));
        assertEquals(1f, t.getFloat(0));
        assertEquals(-1f, t.getFloat(1));
        assertEquals(448f, t.getFloat(2));
        assertEquals(0x1p-9f, t.getFloat(3));
        assertTrue(Float.isNaN(t.getFloat(4)));
        assertEquals(0f, t.getFloat(5));
    }

    @Test
    void sizesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], Shape.of(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[6], Shape.of(-1, 3)));
        assertThrows(IllegalArgumentException.class, () -> Tensor.allocate(DataType.FLOAT, Shape.of(-1)));
        assertThrows(IllegalArgumentException.class, () -> Tensor.ofBytes(DataType.INT32, new byte[7], Shape.of(2)));
        assertThrows(IllegalArgumentException.class,
                () -> Tensor.allocate(DataType.FLOAT, Shape.of(1 << 20, 1 << 10)));
        assertThrows(IllegalArgumentException.class,
                () -> Tensor.wrap(ByteBuffer.allocateDirect(10), DataType.FLOAT, Shape.of(3)));
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(DataType.INT32, new float[1], Shape.of(1)));
        Tensor t = Tensor.allocate(DataType.FLOAT, Shape.of(2));
        assertThrows(IndexOutOfBoundsException.class, () -> t.getFloat(2));
        assertThrows(IndexOutOfBoundsException.class, () -> t.getFloat(-1));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(Shape.of(3)));
    }

    @Test
    void wrapSharesMemoryAndReshapeKeepsIt() {
        ByteBuffer b = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        Tensor t = Tensor.wrap(b, DataType.FLOAT, Shape.of(2, 2));
        b.putFloat(12, 7f);
        assertEquals(7f, t.getFloat(3));
        Tensor r = t.reshape(Shape.of(4));
        r.setFloat(0, 5f);
        assertEquals(5f, t.getFloat(0));
        assertEquals(Shape.of(4), r.shape());
        assertEquals(0f, Tensor.allocate(DataType.INT64, Shape.of(3)).getFloat(2));
    }
}
