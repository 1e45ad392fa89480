package io.trt4j.convert.engine;

import io.trt4j.convert.onnx.proto.Onnx;
import java.util.List;

/** Hand-written ONNX models for builder tests: a 3x3 convolution + ReLU, and one with an operator nobody knows. */
final class TinyOnnx {
    static final String INPUT = "x";
    static final String OUTPUT = "y";

    private TinyOnnx() {
    }

    /** x [-1, 3, 8, 8] -> Conv(4 filters, 3x3, pad 1, seeded weights) -> Relu -> y [-1, 4, 8, 8], opset 17. */
    static Onnx.ModelProto convRelu() {
        float[] weights = new float[4 * 3 * 3 * 3];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) Math.sin(0.7 * i) * 0.3f;
        }
        Onnx.TensorProto.Builder w = Onnx.TensorProto.newBuilder().setName("w")
                .setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE).addAllDims(List.of(4L, 3L, 3L, 3L));
        for (float v : weights) {
            w.addFloatData(v);
        }
        Onnx.NodeProto conv = Onnx.NodeProto.newBuilder().setName("conv").setOpType("Conv")
                .addInput(INPUT).addInput("w").addOutput("c")
                .addAttribute(ints("pads", 1, 1, 1, 1)).addAttribute(ints("kernel_shape", 3, 3)).build();
        Onnx.NodeProto relu = Onnx.NodeProto.newBuilder().setName("relu").setOpType("Relu")
                .addInput("c").addOutput(OUTPUT).build();
        return model(List.of(conv, relu), List.of(w.build()), 4);
    }

    /**
     * x [-1, 3, 8, 8] -> Conv by {@code filters} seeded 3x8x8 filters (no padding) -> y [-1, filters, 1, 1]: a model
     * whose size is its one weight ({@code 768 * filters} bytes, raw data).
     */
    static Onnx.ModelProto heavyConv(int filters) {
        java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(192 * filters * 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 192 * filters; i++) {
            raw.putFloat((float) Math.sin(0.37 * i) * 0.05f);
        }
        Onnx.TensorProto w = Onnx.TensorProto.newBuilder().setName("w")
                .setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE).addAllDims(List.of((long) filters, 3L, 8L, 8L))
                .setRawData(com.google.protobuf.ByteString.copyFrom(raw.array())).build();
        Onnx.NodeProto conv = Onnx.NodeProto.newBuilder().setName("conv").setOpType("Conv")
                .addInput(INPUT).addInput("w").addOutput(OUTPUT).addAttribute(ints("kernel_shape", 8, 8)).build();
        Onnx.TensorShapeProto.Builder outShape = Onnx.TensorShapeProto.newBuilder()
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (long d : new long[] {filters, 1, 1}) {
            outShape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        Onnx.ValueInfoProto out = Onnx.ValueInfoProto.newBuilder().setName(OUTPUT).setType(Onnx.TypeProto.newBuilder()
                .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE)
                        .setShape(outShape))).build();
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder().setName("heavy").addNode(conv).addInitializer(w)
                .addInput(value(INPUT, 3)).addOutput(out).build();
        return Onnx.ModelProto.newBuilder().setIrVersion(8).setProducerName("trt4j-test")
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(graph)
                .build();
    }

    /** x -> NoSuchOperator -> y: valid protobuf, unsupported by every backend. */
    static Onnx.ModelProto unknownOperator() {
        Onnx.NodeProto node = Onnx.NodeProto.newBuilder().setName("mystery").setOpType("NoSuchOperator")
                .addInput(INPUT).addOutput(OUTPUT).build();
        return model(List.of(node), List.of(), 3);
    }

    private static Onnx.ModelProto model(List<Onnx.NodeProto> nodes, List<Onnx.TensorProto> initializers,
            int outChannels) {
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder().setName("tiny").addAllNode(nodes)
                .addAllInitializer(initializers)
                .addInput(value(INPUT, 3)).addOutput(value(OUTPUT, outChannels)).build();
        return Onnx.ModelProto.newBuilder().setIrVersion(8).setProducerName("trt4j-test")
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(graph)
                .build();
    }

    private static Onnx.ValueInfoProto value(String name, int channels) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder()
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (long d : new long[] {channels, 8, 8}) {
            shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder().setTensorType(
                Onnx.TypeProto.Tensor.newBuilder().setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE)
                        .setShape(shape))).build();
    }

    private static Onnx.AttributeProto ints(String name, long... values) {
        Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name)
                .setType(Onnx.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }
}
