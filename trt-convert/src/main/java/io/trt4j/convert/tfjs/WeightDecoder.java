package io.trt4j.convert.tfjs;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Decodes one TF.js weight from its little-endian shard bytes into a TensorProto, dequantizing as the manifest says.
 *
 * <p>Thread-safety: stateless, safe to use from any thread.
 */
final class WeightDecoder {
    private WeightDecoder() {
    }

    /** The TensorFlow type of a TF.js dtype, or {@code null} if unsupported. */
    static DataType tfType(String dtype) {
        return switch (dtype) {
            case "float32" -> DataType.DT_FLOAT;
            case "int32" -> DataType.DT_INT32;
            case "uint8" -> DataType.DT_UINT8;
            case "bool" -> DataType.DT_BOOL;
            default -> null;
        };
    }

    /**
     * The weight's value; {@code data} holds exactly {@link WeightSpec#storedBytes()} bytes from its position.
     *
     * @throws IllegalArgumentException naming the weight if its dtype or quantization is not supported
     */
    static TensorProto decode(WeightSpec w, ByteBuffer data) {
        DataType type = tfType(w.dtype());
        if (type == null) {
            throw new IllegalArgumentException("weight '" + w.name() + "' has unsupported dtype '" + w.dtype() + "'");
        }
        ByteBuffer in = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        int n = Math.toIntExact(w.elementCount());
        byte[] out;
        WeightSpec.Quantization q = w.quantization();
        if (q == null) {
            out = new byte[in.remaining()];
            in.get(out);
        } else {
            if (type != DataType.DT_FLOAT && type != DataType.DT_INT32) {
                throw new IllegalArgumentException("weight '" + w.name() + "': quantized " + w.dtype()
                        + " weights are not supported (only float32 and int32)");
            }
            ByteBuffer o = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                switch (q.dtype()) {
                    case "uint8", "uint16" -> {
                        int v = q.dtype().equals("uint8") ? in.get() & 0xff : in.getShort() & 0xffff;
                        if (type == DataType.DT_FLOAT) {
                            o.putFloat(Dequantization.affine(v, q.scale(), q.min()));
                        } else {
                            o.putInt(Dequantization.affineInt(v, q.scale(), q.min()));
                        }
                    }
                    case "float16" -> {
                        float f = Dequantization.halfToFloat(in.getShort());
                        if (type == DataType.DT_FLOAT) {
                            o.putFloat(f);
                        } else {
                            o.putInt(Math.round(f));
                        }
                    }
                    default -> throw new IllegalArgumentException("weight '" + w.name()
                            + "' has unsupported quantization dtype '" + q.dtype() + "'");
                }
            }
            out = o.array();
        }
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : w.shape()) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return TensorProto.newBuilder().setDtype(type).setTensorShape(shape).setTensorContent(ByteString.copyFrom(out))
                .build();
    }
}
