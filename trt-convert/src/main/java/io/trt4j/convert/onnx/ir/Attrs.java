package io.trt4j.convert.onnx.ir;

import com.google.protobuf.ByteString;
import io.trt4j.convert.onnx.proto.Onnx.AttributeProto;
import io.trt4j.convert.onnx.proto.Onnx.AttributeProto.AttributeType;

/**
 * Factories for ONNX node attributes.
 *
 * <p>Thread-safety: stateless.
 */
public final class Attrs {
    private Attrs() {
    }

    public static AttributeProto i(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(v).build();
    }

    public static AttributeProto f(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(v).build();
    }

    public static AttributeProto s(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(v)).build();
    }

    public static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (long x : v) {
            b.addInts(x);
        }
        return b.build();
    }

    public static AttributeProto ints(String name, int... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (int x : v) {
            b.addInts(x);
        }
        return b.build();
    }
}
