package io.trt4j.convert.onnx.ir;

import io.trt4j.convert.onnx.proto.Onnx.AttributeProto;
import io.trt4j.convert.onnx.proto.Onnx.NodeProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable ONNX node of the graph under construction: op type, input and output value names, attributes.
 *
 * <p>Thread-safety: not thread-safe; owned by one conversion.
 */
public final class OnnxNode {
    private String opType;
    private final String name;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, AttributeProto> attributes = new LinkedHashMap<>();

    public OnnxNode(String opType, String name, List<String> inputs, List<String> outputs) {
        this.opType = opType;
        this.name = name;
        this.inputs = new ArrayList<>(inputs);
        this.outputs = new ArrayList<>(outputs);
    }

    public String opType() {
        return opType;
    }

    public void setOpType(String opType) {
        this.opType = opType;
    }

    public String name() {
        return name;
    }

    /** The input value names (mutable; {@code ""} marks an omitted optional input). */
    public List<String> inputs() {
        return inputs;
    }

    /** The output value names (mutable). */
    public List<String> outputs() {
        return outputs;
    }

    public String input(int i) {
        return i < inputs.size() ? inputs.get(i) : "";
    }

    public String output(int i) {
        return outputs.get(i);
    }

    /** The attributes by name (mutable). */
    public Map<String, AttributeProto> attributes() {
        return attributes;
    }

    public OnnxNode attr(AttributeProto a) {
        attributes.put(a.getName(), a);
        return this;
    }

    public boolean hasAttr(String n) {
        return attributes.containsKey(n);
    }

    public long attrInt(String n, long dflt) {
        AttributeProto a = attributes.get(n);
        return a == null ? dflt : a.getI();
    }

    public float attrFloat(String n, float dflt) {
        AttributeProto a = attributes.get(n);
        return a == null ? dflt : a.getF();
    }

    public String attrString(String n, String dflt) {
        AttributeProto a = attributes.get(n);
        return a == null ? dflt : a.getS().toStringUtf8();
    }

    /** An INTS attribute, or {@code null} if absent. */
    public long[] attrInts(String n) {
        AttributeProto a = attributes.get(n);
        if (a == null) {
            return null;
        }
        long[] out = new long[a.getIntsCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.getInts(i);
        }
        return out;
    }

    /** The ONNX form. */
    public NodeProto toProto() {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(opType).setName(name);
        b.addAllInput(inputs).addAllOutput(outputs).addAllAttribute(attributes.values());
        return b.build();
    }

    @Override
    public String toString() {
        return opType + " " + name + " " + inputs + " -> " + outputs;
    }
}
