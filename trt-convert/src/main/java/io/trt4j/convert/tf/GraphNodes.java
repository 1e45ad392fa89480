package io.trt4j.convert.tf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Name-level graph surgery on a {@link GraphDef}: node lookup, consumers, pruning to outputs, output inference.
 *
 * <p>Thread-safety: stateless, safe to use from any thread.
 */
final class GraphNodes {
    /** Ops that are never graph outputs when outputs are inferred. */
    static final Set<String> NOT_OUTPUTS = Set.of("NoOp", "Assert", "Const", "Placeholder", "PlaceholderWithDefault",
            "VariableV2", "Variable", "VarHandleOp", "VarIsInitializedOp", "IsVariableInitialized", "Print", "PrintV2");

    /** Ops that only exist to train, initialize, save or restore; they and everything downstream of them are dropped. */
    static final Set<String> TRAINING_OPS = Set.of("Assign", "AssignAdd", "AssignSub", "AssignVariableOp",
            "AssignAddVariableOp", "AssignSubVariableOp", "SaveV2", "RestoreV2", "Save", "Restore", "SaveSlices",
            "RestoreSlice", "MergeV2Checkpoints", "ShardedFilename", "ShardedFilespec", "ApplyGradientDescent",
            "ResourceApplyGradientDescent", "ApplyAdam", "ResourceApplyAdam");

    /** Node names under a TF1 {@code gradients} scope (backprop, never an inference output). */
    private static final java.util.regex.Pattern GRADIENT_SCOPE =
            java.util.regex.Pattern.compile("(^|/)gradients(_\\d+)?/");

    private GraphNodes() {
    }

    /** The node name of an input reference: {@code "^a"}, {@code "a:1"} and {@code "a"} all give {@code "a"}. */
    static String nodeName(String input) {
        String s = input.startsWith("^") ? input.substring(1) : input;
        int colon = s.indexOf(':');
        return colon < 0 ? s : s.substring(0, colon);
    }

    /** The nodes by name, in graph order. */
    static Map<String, NodeDef> byName(GraphDef graph) {
        Map<String, NodeDef> map = new LinkedHashMap<>();
        for (NodeDef n : graph.getNodeList()) {
            map.put(n.getName(), n);
        }
        return map;
    }

    /**
     * The nodes reachable backwards from {@code outputs} through data inputs, not expanding {@code stops} (which are
     * kept themselves), in graph order. Control inputs to nodes that are not kept are removed.
     */
    static GraphDef prune(GraphDef graph, Set<String> outputs, Set<String> stops) {
        Map<String, NodeDef> nodes = byName(graph);
        Set<String> keep = new HashSet<>();
        Deque<String> work = new ArrayDeque<>(outputs);
        while (!work.isEmpty()) {
            String name = work.pop();
            NodeDef n = nodes.get(name);
            if (n == null || !keep.add(name) || stops.contains(name)) {
                continue;
            }
            for (String in : n.getInputList()) {
                if (!in.startsWith("^")) {
                    work.push(nodeName(in));
                }
            }
        }
        GraphDef.Builder b = graph.toBuilder().clearNode();
        for (NodeDef n : graph.getNodeList()) {
            if (!keep.contains(n.getName())) {
                continue;
            }
            NodeDef.Builder nb = n.toBuilder();
            if (stops.contains(n.getName())) {
                b.addNode(nb.build());
                continue;
            }
            nb.clearInput();
            for (String in : n.getInputList()) {
                if (!in.startsWith("^") || keep.contains(nodeName(in))) {
                    nb.addInput(in);
                }
            }
            b.addNode(nb.build());
        }
        return b.build();
    }

    /** For each node name, the names of the nodes consuming it (data or control). */
    static Map<String, List<String>> consumers(GraphDef graph) {
        Map<String, List<String>> map = new HashMap<>();
        for (NodeDef n : graph.getNodeList()) {
            for (String in : n.getInputList()) {
                map.computeIfAbsent(nodeName(in), k -> new ArrayList<>()).add(n.getName());
            }
        }
        return map;
    }

    /** The training-only nodes and everything downstream of them. */
    static Set<String> trainingNodes(GraphDef graph) {
        Map<String, List<String>> consumers = consumers(graph);
        Set<String> out = new HashSet<>();
        Deque<String> work = new ArrayDeque<>();
        for (NodeDef n : graph.getNodeList()) {
            if (TRAINING_OPS.contains(n.getOp())) {
                work.push(n.getName());
            }
        }
        while (!work.isEmpty()) {
            String name = work.pop();
            if (out.add(name)) {
                work.addAll(consumers.getOrDefault(name, List.of()));
            }
        }
        return out;
    }

    /**
     * The likely outputs: nodes nobody consumes that are neither constants, placeholders, variables, no-ops,
     * training/saving nodes nor backprop ({@code gradients/...}), in graph order. Best effort: in a training graph the
     * loss consumes the model's output, so name the outputs there.
     */
    static List<String> inferOutputs(GraphDef graph) {
        Map<String, List<String>> consumers = consumers(graph);
        Set<String> training = trainingNodes(graph);
        List<String> out = new ArrayList<>();
        for (NodeDef n : graph.getNodeList()) {
            if (!consumers.containsKey(n.getName()) && !NOT_OUTPUTS.contains(n.getOp())
                    && !training.contains(n.getName()) && !GRADIENT_SCOPE.matcher(n.getName()).find()) {
                out.add(n.getName());
            }
        }
        return out;
    }

    /** Up to {@code max} node names as a readable list, for error messages. */
    static String sample(List<String> names, int max) {
        if (names.size() <= max) {
            return names.toString();
        }
        return names.subList(0, max) + " and " + (names.size() - max) + " more";
    }
}
