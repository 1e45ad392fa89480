package io.trt4j.convert.onnx.ir;

import io.trt4j.convert.onnx.proto.Onnx.GraphProto;
import io.trt4j.convert.onnx.proto.Onnx.ValueInfoProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutable ONNX graph that op handlers build and passes rewrite: nodes, constant initializers, graph inputs and
 * outputs, and what is statically known of value shapes and element types.
 *
 * <p>Values are named by strings; a value is produced by exactly one node, or is a graph input or an initializer.
 * Shapes use {@code -1} for unknown dimensions; a missing entry means the rank is unknown.
 *
 * <p>Thread-safety: not thread-safe; owned by one conversion.
 */
public final class OnnxGraph {
    private final List<OnnxNode> nodes = new ArrayList<>();
    private final Map<String, ConstTensor> initializers = new LinkedHashMap<>();
    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final List<ValueInfoProto> outputs = new ArrayList<>();
    private final Map<String, long[]> shapes = new HashMap<>();
    private final Map<String, Integer> types = new HashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private int counter;

    /** The nodes (mutable, kept in topological order by {@link #sortTopologically()}). */
    public List<OnnxNode> nodes() {
        return nodes;
    }

    /** Constant values by name (mutable). */
    public Map<String, ConstTensor> initializers() {
        return initializers;
    }

    public List<ValueInfoProto> inputs() {
        return inputs;
    }

    public List<ValueInfoProto> outputs() {
        return outputs;
    }

    /** Whether {@code name} is one of the graph's outputs. */
    public boolean isGraphOutput(String name) {
        for (ValueInfoProto v : outputs) {
            if (v.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The constant value of {@code name}, or {@code null}. */
    public ConstTensor constant(String name) {
        return initializers.get(name);
    }

    /** Adds a node; its name is made unique from {@code baseName}. */
    public OnnxNode add(String opType, String baseName, List<String> in, List<String> out) {
        OnnxNode n = new OnnxNode(opType, uniqueName(baseName), in, out);
        nodes.add(n);
        return n;
    }

    /** Adds a single-output node whose output is named after the node; returns the node. */
    public OnnxNode add(String opType, String baseName, String... in) {
        String name = uniqueName(baseName);
        OnnxNode n = new OnnxNode(opType, name, List.of(in), List.of(name + ":0"));
        nodes.add(n);
        return n;
    }

    /** Adds an initializer under a fresh name built from {@code baseName}; returns the name. */
    public String addConstant(String baseName, ConstTensor t) {
        String name = uniqueName(baseName);
        initializers.put(name, t);
        setShape(name, t.dims());
        setType(name, t.dataType());
        return name;
    }

    /** Reserves a name, adding a suffix if it is taken. */
    public String uniqueName(String base) {
        String name = base;
        while (!usedNames.add(name)) {
            name = base + "_" + (++counter);
        }
        return name;
    }

    /** Marks a name as used without renaming it. */
    public void reserveName(String name) {
        usedNames.add(name);
    }

    public long[] shape(String value) {
        long[] s = shapes.get(value);
        return s == null ? null : s.clone();
    }

    public void setShape(String value, long[] shape) {
        if (shape == null) {
            shapes.remove(value);
        } else {
            shapes.put(value, shape.clone());
        }
    }

    /** The rank of a value, or -1 if unknown. */
    public int rank(String value) {
        long[] s = shapes.get(value);
        return s == null ? -1 : s.length;
    }

    /** The ONNX element type of a value, or {@link OnnxTypes#UNDEFINED}. */
    public int type(String value) {
        return types.getOrDefault(value, OnnxTypes.UNDEFINED);
    }

    public void setType(String value, int type) {
        if (type != OnnxTypes.UNDEFINED) {
            types.put(value, type);
        }
    }

    /** The node producing each value. */
    public Map<String, OnnxNode> producers() {
        Map<String, OnnxNode> m = new HashMap<>();
        for (OnnxNode n : nodes) {
            for (String o : n.outputs()) {
                m.put(o, n);
            }
        }
        return m;
    }

    /** The nodes consuming each value (a node consuming a value twice is listed twice). */
    public Map<String, List<OnnxNode>> consumers() {
        Map<String, List<OnnxNode>> m = new HashMap<>();
        for (OnnxNode n : nodes) {
            for (String i : n.inputs()) {
                if (!i.isEmpty()) {
                    m.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
                }
            }
        }
        return m;
    }

    /** Replaces every use of {@code from} (node inputs and graph outputs excluded) by {@code to}. */
    public void replaceUses(String from, String to) {
        for (OnnxNode n : nodes) {
            List<String> in = n.inputs();
            for (int i = 0; i < in.size(); i++) {
                if (in.get(i).equals(from)) {
                    in.set(i, to);
                }
            }
        }
    }

    /** The ONNX form of the graph (initializers share the constants' bytes). */
    public GraphProto toProto(String name) {
        GraphProto.Builder g = GraphProto.newBuilder().setName(name);
        for (OnnxNode n : nodes) {
            g.addNode(n.toProto());
        }
        for (Map.Entry<String, ConstTensor> e : initializers.entrySet()) {
            g.addInitializer(e.getValue().toProto(e.getKey()));
        }
        return g.addAllInput(inputs).addAllOutput(outputs).build();
    }

    /** Orders nodes so that every node comes after the producers of its inputs. */
    public void sortTopologically() {
        Map<String, OnnxNode> producers = producers();
        Map<OnnxNode, Integer> pending = new HashMap<>();
        Map<OnnxNode, List<OnnxNode>> users = new HashMap<>();
        Deque<OnnxNode> ready = new ArrayDeque<>();
        for (OnnxNode n : nodes) {
            int count = 0;
            Set<OnnxNode> seen = new HashSet<>();
            for (String i : n.inputs()) {
                OnnxNode p = producers.get(i);
                if (p != null && p != n && seen.add(p)) {
                    count++;
                    users.computeIfAbsent(p, k -> new ArrayList<>()).add(n);
                }
            }
            pending.put(n, count);
            if (count == 0) {
                ready.add(n);
            }
        }
        List<OnnxNode> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            OnnxNode n = ready.poll();
            order.add(n);
            for (OnnxNode u : users.getOrDefault(n, List.of())) {
                if (pending.merge(u, -1, Integer::sum) == 0) {
                    ready.add(u);
                }
            }
        }
        if (order.size() != nodes.size()) {
            throw new IllegalStateException("the ONNX graph has a cycle");
        }
        nodes.clear();
        nodes.addAll(order);
    }
}
