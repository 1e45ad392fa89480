package io.trt4j.convert.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;

class DequantizationTest {
    /** binary16 value from its fields, by the IEEE 754 formula. */
    private static double halfByFormula(int bits) {
        int sign = (bits >> 15) & 1;
        int exp = (bits >> 10) & 0x1f;
        int mant = bits & 0x3ff;
        double s = sign == 1 ? -1 : 1;
        if (exp == 0) {
            return s * Math.pow(2, -14) * (mant / 1024.0);
        }
        if (exp == 31) {
            return mant == 0 ? s * Double.POSITIVE_INFINITY : Double.NaN;
        }
        return s * Math.pow(2, exp - 15) * (1 + mant / 1024.0);
    }

    @Test
    void everyFloat16ConvertsByTheFormula() {
        for (int bits = 0; bits < 65536; bits++) {
            float f = Dequantization.halfToFloat((short) bits);
            double expected = halfByFormula(bits);
            if (Double.isNaN(expected)) {
                assertTrue(Float.isNaN(f), Integer.toHexString(bits));
            } else {
                assertEquals((float) expected, f, 0f, Integer.toHexString(bits));
                if (expected == 0) {
                    assertEquals(bits >> 15 == 1, Float.floatToRawIntBits(f) < 0, "sign of zero " + bits);
                }
            }
        }
        assertEquals(65504f, Dequantization.halfToFloat((short) 0x7bff));
        assertEquals(5.9604645e-8f, Dequantization.halfToFloat((short) 0x0001));
    }

    private static float[] floats(TensorProto t) {
        float[] out = new float[t.getTensorContent().size() / 4];
        t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    @Test
    void uint8AndUint16AffineDequantizationFollowsQTimesScalePlusMin() {
        double scale = 0.0009234980625264785;
        double min = -0.11820775200338925;
        byte[] q8 = {0, 1, (byte) 127, (byte) 128, (byte) 255};
        TensorProto t8 = WeightDecoder.decode(new WeightSpec("w8", new long[] {5}, "float32",
                new WeightSpec.Quantization("uint8", scale, min)), ByteBuffer.wrap(q8));
        assertEquals(DataType.DT_FLOAT, t8.getDtype());
        float[] v8 = floats(t8);
        for (int i = 0; i < q8.length; i++) {
            assertEquals((float) ((q8[i] & 0xff) * scale + min), v8[i], 0f, "uint8 #" + i);
        }
        assertEquals((float) (255 * scale + min), v8[4], 0f);

        int[] q16 = {0, 1, 32768, 65535};
        ByteBuffer b16 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        for (int q : q16) {
            b16.putShort((short) q);
        }
        float[] v16 = floats(WeightDecoder.decode(new WeightSpec("w16", new long[] {2, 2}, "float32",
                new WeightSpec.Quantization("uint16", 1e-4, -3.0)), b16.flip()));
        for (int i = 0; i < q16.length; i++) {
            assertEquals((float) (q16[i] * 1e-4 + -3.0), v16[i], 0f, "uint16 #" + i);
        }
        assertEquals(3.5535f, v16[3], 1e-6f);
    }

    @Test
    void float16WeightsAndQuantizedInt32Weights() {
        ByteBuffer h = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x3555);
        float[] v = floats(WeightDecoder.decode(new WeightSpec("h", new long[] {3}, "float32",
                new WeightSpec.Quantization("float16", 0, 0)), h.flip()));
        assertEquals(1f, v[0], 0f);
        assertEquals(-2f, v[1], 0f);
        assertEquals((float) halfByFormula(0x3555), v[2], 0f);

        TensorProto i = WeightDecoder.decode(new WeightSpec("i", new long[] {3}, "int32",
                new WeightSpec.Quantization("uint8", 0.5, -10)), ByteBuffer.wrap(new byte[] {0, 3, 41}));
        assertEquals(DataType.DT_INT32, i.getDtype());
        int[] iv = new int[3];
        i.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(iv);
        assertEquals(-10, iv[0]);
        assertEquals(Math.round(3 * 0.5 - 10), iv[1]); // -8.5 rounds half up to -8, as JavaScript's Math.round
        assertEquals(11, iv[2]);
    }

    @Test
    void plainWeightsAreCopiedAndSizesFollowTheStoredType() {
        TensorProto b = WeightDecoder.decode(new WeightSpec("flags", new long[] {2}, "bool", null),
                ByteBuffer.wrap(new byte[] {1, 0}));
        assertEquals(DataType.DT_BOOL, b.getDtype());
        assertEquals(2, b.getTensorContent().size());
        assertEquals(12, new WeightSpec("a", new long[] {3}, "float32", null).storedBytes());
        assertEquals(3, new WeightSpec("a", new long[] {3}, "float32", new WeightSpec.Quantization("uint8", 1, 0))
                .storedBytes());
        assertEquals(6, new WeightSpec("a", new long[] {3}, "float32", new WeightSpec.Quantization("float16", 0, 0))
                .storedBytes());
        assertEquals(-1, new WeightSpec("a", new long[] {3}, "complex64", null).storedBytes());
        var e = assertThrows(IllegalArgumentException.class, () -> WeightDecoder.decode(
                new WeightSpec("s", new long[] {1}, "string", null), ByteBuffer.allocate(4)));
        assertTrue(e.getMessage().contains("'s'") && e.getMessage().contains("string"), e.getMessage());
    }
}
