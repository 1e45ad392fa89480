package io.trt4j.convert.tf;

import io.trt4j.core.DataType;
import io.trt4j.core.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Turns a constant-only GraphDef into a {@link FrozenGraph}: resolves (or infers) inputs and outputs, cuts the graph at
 * non-placeholder inputs, applies input type/shape overrides, prunes to the outputs and validates the result by
 * importing it into TensorFlow, which also gives the specs' types and shapes.
 *
 * <p>Thread-safety: stateless, safe to use from any thread.
 */
final class GraphFinisher {
    /** A caller's override of an input's type and/or shape ({@code null} fields keep the graph's). */
    record InputOverride(DataType dataType, Shape shape) {
    }

    private GraphFinisher() {
    }

    static FrozenGraph finish(GraphDef graph, Path source, List<String> inputNames, List<String> outputNames,
            Map<String, InputOverride> overrides) throws ModelImportException {
        if (graph.getNodeCount() == 0) {
            throw new ModelImportException(source, "graph has no nodes");
        }
        Map<String, NodeDef> nodes = GraphNodes.byName(graph);
        List<String> outputs = new ArrayList<>();
        if (outputNames == null || outputNames.isEmpty()) {
            for (String n : GraphNodes.inferOutputs(graph)) {
                outputs.add(n + ":0");
            }
            if (outputs.isEmpty()) {
                throw new ModelImportException(source, "cannot infer outputs: every node is consumed or is a "
                        + "constant, placeholder, variable or no-op; name the outputs");
            }
        } else {
            for (String name : outputNames) {
                outputs.add(tensorName(name, nodes, "output", graph));
            }
        }
        List<String> inputs = new ArrayList<>();
        if (inputNames != null) {
            for (String name : inputNames) {
                inputs.add(tensorName(name, nodes, "input", graph));
            }
        }
        for (String name : overrides.keySet()) {
            String t = tensorName(name, nodes, "input", graph);
            if (inputNames != null && !inputNames.isEmpty() && !inputs.contains(t)) {
                throw new IllegalArgumentException("override for '" + name + "' which is not among the inputs " + inputs);
            }
        }

        for (String in : inputs) {
            if (outputs.contains(in)) {
                throw new IllegalArgumentException("'" + in + "' is both an input and an output");
            }
        }
        Set<String> outputNodes = nodeNames(outputs);
        Set<String> inputNodes = nodeNames(inputs);
        GraphDef pruned = GraphNodes.prune(graph, outputNodes, inputNodes);
        Set<String> kept = GraphNodes.byName(pruned).keySet();
        for (String in : inputs) {
            String node = TensorNames.node(in);
            if (!kept.contains(node)) {
                if (!nodes.get(node).getOp().equals("Placeholder")) {
                    throw new IllegalArgumentException("input '" + in + "' does not feed any of the outputs "
                            + outputs);
                }
                // An unused declared input (e.g. of a signature) stays a placeholder the graph ignores.
                pruned = pruned.toBuilder().addNode(nodes.get(node)).build();
            }
        }
        pruned = cutAtInputs(GraphNodes.prune(graph, outputNodes, Set.of()), pruned, source, inputs);
        if (inputs.isEmpty()) {
            for (NodeDef n : pruned.getNodeList()) {
                if (n.getOp().equals("Placeholder")) {
                    inputs.add(n.getName() + ":0");
                }
            }
        } else {
            Set<String> declared = nodeNames(inputs);
            for (NodeDef n : pruned.getNodeList()) {
                if (n.getOp().equals("Placeholder") && !declared.contains(n.getName())) {
                    throw new IllegalArgumentException("the outputs " + outputs + " also depend on placeholder '"
                            + n.getName() + ":0', which is not among the inputs " + inputs);
                }
            }
        }
        pruned = applyOverrides(pruned, overrides);

        try (Graph g = importGraph(pruned, source)) {
            List<TensorSpec> inSpecs = new ArrayList<>();
            for (String in : inputs) {
                inSpecs.add(spec(g, in, source));
            }
            List<TensorSpec> outSpecs = new ArrayList<>();
            for (String out : outputs) {
                outSpecs.add(spec(g, out, source));
            }
            return new FrozenGraph(pruned, inSpecs, outSpecs);
        }
    }

    /** Imports {@code graph} into a fresh TensorFlow graph, failing with the file named. */
    static Graph importGraph(GraphDef graph, Path source) throws ModelImportException {
        Graph g = new Graph();
        try {
            g.importGraphDef(graph);
            return g;
        } catch (RuntimeException e) {
            g.close();
            throw new ModelImportException(source, "TensorFlow rejects the graph: " + e.getMessage(), e);
        }
    }

    private static TensorSpec spec(Graph g, String tensor, Path source) throws ModelImportException {
        GraphOperation op = g.operation(TensorNames.node(tensor));
        int index = TensorNames.index(tensor);
        if (index >= op.numOutputs()) {
            throw new IllegalArgumentException("tensor '" + tensor + "': node '" + op.name() + "' (" + op.type()
                    + ") has " + op.numOutputs() + " output(s)");
        }
        Output<?> out = op.output(index);
        DataType type = TfTypes.toCore(out.dataType()).orElseThrow(() -> new ModelImportException(source,
                "tensor '" + tensor + "' has type " + out.dataType() + ", which trt4j does not support"));
        return new TensorSpec(tensor, type, TfTypes.toCore(out.shape()));
    }

    /** Replaces each non-placeholder input node by a placeholder of its output 0's type and shape. */
    private static GraphDef cutAtInputs(GraphDef uncut, GraphDef graph, Path source, List<String> inputs)
            throws ModelImportException {
        Map<String, NodeDef> nodes = GraphNodes.byName(graph);
        Map<String, NodeDef> replacements = new LinkedHashMap<>();
        for (String in : inputs) {
            NodeDef n = nodes.get(TensorNames.node(in));
            if (n.getOp().equals("Placeholder")) {
                continue;
            }
            if (TensorNames.index(in) != 0) {
                throw new IllegalArgumentException("input '" + in + "': only output 0 of a non-placeholder node can "
                        + "become an input");
            }
            replacements.put(n.getName(), null);
        }
        if (replacements.isEmpty()) {
            return graph;
        }
        try (Graph g = importGraph(uncut, source)) {
            for (String name : replacements.keySet()) {
                Output<?> out = g.operation(name).output(0);
                replacements.put(name, NodeDef.newBuilder().setName(name).setOp("Placeholder")
                        .putAttr("dtype", AttrValue.newBuilder().setType(TfTypes.baseType(out.dataType())).build())
                        .putAttr("shape", AttrValue.newBuilder()
                                .setShape(TfTypes.toProto(TfTypes.toCore(out.shape()))).build())
                        .build());
            }
        }
        GraphDef.Builder b = graph.toBuilder().clearNode();
        for (NodeDef n : graph.getNodeList()) {
            b.addNode(replacements.getOrDefault(n.getName(), n));
        }
        GraphDef cut = b.build();
        Set<String> outs = new LinkedHashSet<>();
        for (NodeDef n : cut.getNodeList()) {
            outs.add(n.getName());
        }
        // Drop what only fed the replaced nodes: keep everything reachable from the nodes nobody consumes.
        Map<String, java.util.List<String>> consumers = GraphNodes.consumers(cut);
        outs.removeIf(consumers::containsKey);
        return GraphNodes.prune(cut, outs, replacements.keySet());
    }

    private static GraphDef applyOverrides(GraphDef graph, Map<String, InputOverride> overrides) {
        if (overrides.isEmpty()) {
            return graph;
        }
        GraphDef.Builder b = graph.toBuilder();
        for (NodeDef.Builder n : b.getNodeBuilderList()) {
            InputOverride o = overrides.get(n.getName() + ":0");
            if (o == null) {
                continue;
            }
            if (!n.getOp().equals("Placeholder")) {
                throw new IllegalArgumentException("cannot override '" + n.getName() + "': it is a " + n.getOp()
                        + ", not an input");
            }
            if (o.dataType() != null) {
                n.putAttr("dtype", AttrValue.newBuilder().setType(TfTypes.toTf(o.dataType())).build());
            }
            if (o.shape() != null) {
                n.putAttr("shape", AttrValue.newBuilder().setShape(TfTypes.toProto(o.shape())).build());
            }
        }
        return b.build();
    }

    private static String tensorName(String name, Map<String, NodeDef> nodes, String role, GraphDef graph) {
        String tensor = TensorNames.normalize(name);
        if (!nodes.containsKey(TensorNames.node(tensor))) {
            List<String> candidates = role.equals("input") ? placeholders(graph) : GraphNodes.inferOutputs(graph);
            throw new IllegalArgumentException("no node '" + TensorNames.node(tensor) + "' for " + role + " '" + name
                    + "'; " + role + " candidates: " + GraphNodes.sample(candidates, 20)
                    + similar(TensorNames.node(tensor), nodes.keySet()));
        }
        return tensor;
    }

    private static String similar(String wanted, Set<String> names) {
        String w = wanted.toLowerCase(java.util.Locale.ROOT);
        String leaf = w.substring(w.lastIndexOf('/') + 1);
        List<String> hits = new ArrayList<>();
        for (String n : names) {
            if (!leaf.isEmpty() && n.toLowerCase(java.util.Locale.ROOT).contains(leaf)) {
                hits.add(n);
            }
        }
        return hits.isEmpty() ? "" : "; similar nodes: " + GraphNodes.sample(hits, 10);
    }

    private static List<String> placeholders(GraphDef graph) {
        List<String> out = new ArrayList<>();
        for (NodeDef n : graph.getNodeList()) {
            if (n.getOp().equals("Placeholder")) {
                out.add(n.getName() + ":0");
            }
        }
        return out;
    }

    private static Set<String> nodeNames(List<String> tensors) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : tensors) {
            out.add(TensorNames.node(t));
        }
        return out;
    }
}
