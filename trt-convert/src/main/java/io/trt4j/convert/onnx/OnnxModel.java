package io.trt4j.convert.onnx;

import io.trt4j.convert.onnx.proto.Onnx.ModelProto;
import io.trt4j.convert.tf.TensorSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A converted ONNX model (opset {@value ConverterOptions#OPSET}) with its input and output signature and the report
 * of its conversion.
 *
 * <p>Input and output specs are the ONNX model's own: TensorFlow names and types, TensorFlow's NHWC shapes unless
 * the converter was asked for NCHW inputs; {@code -1} marks a dynamic dimension.
 *
 * <p>Thread-safety: immutable.
 */
public final class OnnxModel {
    private final ModelProto proto;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final ConversionReport report;

    OnnxModel(ModelProto proto, List<TensorSpec> inputs, List<TensorSpec> outputs, ConversionReport report) {
        this.proto = Objects.requireNonNull(proto);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.report = report;
    }

    /** The ONNX protobuf message. */
    public ModelProto proto() {
        return proto;
    }

    /** The serialized model (a new array each call). */
    public byte[] toByteArray() {
        return proto.toByteArray();
    }

    /** Writes the serialized model to {@code path}, replacing it. */
    public void writeTo(Path path) throws IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            proto.writeTo(out);
        }
    }

    public List<TensorSpec> inputs() {
        return inputs;
    }

    public List<TensorSpec> outputs() {
        return outputs;
    }

    public ConversionReport report() {
        return report;
    }

    @Override
    public String toString() {
        return "OnnxModel" + inputs + " -> " + outputs;
    }
}
