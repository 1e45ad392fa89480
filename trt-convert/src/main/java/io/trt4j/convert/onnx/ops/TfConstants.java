package io.trt4j.convert.onnx.ops;

import com.google.protobuf.ByteString;
import io.trt4j.convert.onnx.ConversionException;
import io.trt4j.convert.onnx.ir.ConstTensor;
import io.trt4j.convert.onnx.ir.OnnxTypes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Turns TensorFlow constant values ({@code TensorProto}) into {@link ConstTensor}s. {@code tensor_content} bytes are
 * shared, not copied; typed value lists ({@code float_val}, {@code int_val}, ...) are expanded, a single value being
 * splatted over the whole shape as TensorFlow does.
 *
 * <p>Thread-safety: stateless.
 */
public final class TfConstants {
    private TfConstants() {
    }

    /** Converts a TensorFlow constant; {@code where} names the node for errors. */
    public static ConstTensor toConst(TensorProto t, String where) {
        int type = OnnxTypes.fromTf(t.getDtype());
        if (type == OnnxTypes.UNDEFINED || type == OnnxTypes.BFLOAT16) {
            throw new ConversionException("constant '" + where + "' has type " + t.getDtype()
                    + ", which the ONNX converter does not support");
        }
        TensorShapeProto sp = t.getTensorShape();
        long[] dims = new long[sp.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = sp.getDim(i).getSize();
        }
        long n = ConstTensor.elementCount(dims);
        int size = OnnxTypes.byteSize(type);
        if (!t.getTensorContent().isEmpty()) {
            ByteString content = t.getTensorContent();
            if (content.size() != n * size) {
                throw new ConversionException("constant '" + where + "' has " + content.size()
                        + " bytes of tensor_content for " + n + " elements of " + t.getDtype());
            }
            return new ConstTensor(type, dims, content);
        }
        int count = valueCount(t, type);
        if (count > n || (count > 1 && count < n)) {
            throw new ConversionException("constant '" + where + "' lists " + count + " values for shape of " + n
                    + " elements");
        }
        ByteBuffer b = ByteBuffer.allocate((int) (n * size)).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < n; i++) {
            int k = count == 0 ? -1 : (int) Math.min(i, count - 1);
            switch (type) {
                case OnnxTypes.FLOAT -> b.putFloat(k < 0 ? 0f : t.getFloatVal(k));
                case OnnxTypes.DOUBLE -> b.putDouble(k < 0 ? 0d : t.getDoubleVal(k));
                case OnnxTypes.INT64 -> b.putLong(k < 0 ? 0L : t.getInt64Val(k));
                case OnnxTypes.INT32 -> b.putInt(k < 0 ? 0 : t.getIntVal(k));
                case OnnxTypes.INT16, OnnxTypes.FLOAT16 -> b.putShort((short) (k < 0 ? 0
                        : type == OnnxTypes.FLOAT16 ? t.getHalfVal(k) : t.getIntVal(k)));
                case OnnxTypes.INT8, OnnxTypes.UINT8 -> b.put((byte) (k < 0 ? 0 : t.getIntVal(k)));
                case OnnxTypes.BOOL -> b.put((byte) (k < 0 ? 0 : t.getBoolVal(k) ? 1 : 0));
                default -> throw new ConversionException("constant '" + where + "': unsupported type " + type);
            }
        }
        return new ConstTensor(type, dims, ByteString.copyFrom(b.array()));
    }

    private static int valueCount(TensorProto t, int type) {
        return switch (type) {
            case OnnxTypes.FLOAT -> t.getFloatValCount();
            case OnnxTypes.DOUBLE -> t.getDoubleValCount();
            case OnnxTypes.INT64 -> t.getInt64ValCount();
            case OnnxTypes.FLOAT16 -> t.getHalfValCount();
            case OnnxTypes.BOOL -> t.getBoolValCount();
            default -> t.getIntValCount();
        };
    }
}
