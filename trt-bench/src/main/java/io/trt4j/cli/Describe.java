package io.trt4j.cli;

import io.trt4j.convert.onnx.proto.Onnx;

/**
 * Short text forms of ONNX types for the terminal.
 *
 * <p>Thread-safety: stateless.
 */
final class Describe {
    private Describe() {
    }

    static String type(Onnx.TypeProto type) {
        if (!type.hasTensorType()) {
            return type.toString().trim();
        }
        Onnx.TypeProto.Tensor t = type.getTensorType();
        StringBuilder sb = new StringBuilder(Onnx.TensorProto.DataType.forNumber(t.getElemType()).name()).append('[');
        for (int i = 0; i < t.getShape().getDimCount(); i++) {
            Onnx.TensorShapeProto.Dimension d = t.getShape().getDim(i);
            sb.append(i == 0 ? "" : ",").append(d.hasDimValue() ? String.valueOf(d.getDimValue()) : d.getDimParam());
        }
        return sb.append(']').toString();
    }
}
