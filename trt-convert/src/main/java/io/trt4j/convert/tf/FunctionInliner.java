package io.trt4j.convert.tf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;

/**
 * Inlines TF2 function calls ({@code PartitionedCall}, {@code StatefulPartitionedCall}, or a node whose op is a
 * library function) into the top-level graph, so that variables read inside functions can be frozen and the converter
 * sees plain ops. Body nodes are named {@code <call>/<node>}; the call node becomes an {@code IdentityN} of the
 * function's results, so {@code call:k} tensor names (TF2 signature outputs) keep working.
 *
 * <p>Thread-safety: stateless, safe to use from any thread.
 */
final class FunctionInliner {
    private static final int MAX_ROUNDS = 32;
    private static volatile Map<String, OpDef> opDefs;

    private FunctionInliner() {
    }

    /** Whether {@code graph} has a call node to one of its library functions. */
    static boolean hasCalls(GraphDef graph) {
        Map<String, FunctionDef> library = library(graph);
        for (NodeDef n : graph.getNodeList()) {
            if (calledFunction(n, library) != null) {
                return true;
            }
        }
        return false;
    }

    /** The graph with every call to a library function inlined, recursively; the library is dropped if unused. */
    static GraphDef inline(GraphDef graph, Path source) throws ModelImportException {
        Map<String, FunctionDef> library = library(graph);
        GraphDef g = graph;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            GraphDef.Builder b = g.toBuilder().clearNode();
            boolean changed = false;
            for (NodeDef n : g.getNodeList()) {
                FunctionDef f = calledFunction(n, library);
                if (f == null) {
                    b.addNode(n);
                } else {
                    b.addAllNode(inlineCall(n, f, library, source));
                    changed = true;
                }
            }
            g = b.build();
            if (!changed) {
                return stillUsesLibrary(g, library) ? g : g.toBuilder().clearLibrary().build();
            }
        }
        throw new ModelImportException(source, "function calls nest deeper than " + MAX_ROUNDS
                + " levels (recursive functions?)");
    }

    private static Map<String, FunctionDef> library(GraphDef graph) {
        Map<String, FunctionDef> map = new HashMap<>();
        for (FunctionDef f : graph.getLibrary().getFunctionList()) {
            map.put(f.getSignature().getName(), f);
        }
        return map;
    }

    private static FunctionDef calledFunction(NodeDef n, Map<String, FunctionDef> library) {
        if (n.getOp().equals("PartitionedCall") || n.getOp().equals("StatefulPartitionedCall")) {
            return library.get(n.getAttrOrDefault("f", AttrValue.getDefaultInstance()).getFunc().getName());
        }
        return library.get(n.getOp());
    }

    private static boolean stillUsesLibrary(GraphDef g, Map<String, FunctionDef> library) {
        for (NodeDef n : g.getNodeList()) {
            if (library.containsKey(n.getOp())) {
                return true;
            }
            for (AttrValue v : n.getAttrMap().values()) {
                if (v.hasFunc() || v.getList().getFuncCount() > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<NodeDef> inlineCall(NodeDef call, FunctionDef f, Map<String, FunctionDef> library,
            Path source) throws ModelImportException {
        String fname = f.getSignature().getName();
        List<String> dataInputs = new ArrayList<>();
        List<String> controlInputs = new ArrayList<>();
        for (String in : call.getInputList()) {
            (in.startsWith("^") ? controlInputs : dataInputs).add(in);
        }
        var sig = f.getSignature();
        if (sig.getInputArgCount() != dataInputs.size()) {
            throw new ModelImportException(source, "call '" + call.getName() + "' passes " + dataInputs.size()
                    + " inputs to function '" + fname + "', which takes " + sig.getInputArgCount());
        }
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i < sig.getInputArgCount(); i++) {
            OpDef.ArgDef a = sig.getInputArg(i);
            if (!a.getNumberAttr().isEmpty() || !a.getTypeListAttr().isEmpty()) {
                throw new ModelImportException(source, "function '" + fname + "' argument '" + a.getName()
                        + "' is a list; trt4j inlines only single-tensor arguments");
            }
            args.put(a.getName(), dataInputs.get(i));
        }
        String prefix = call.getName() + "/";
        Map<String, NodeDef> body = new HashMap<>();
        for (NodeDef n : f.getNodeDefList()) {
            body.put(n.getName(), n);
        }
        List<NodeDef> out = new ArrayList<>();
        for (NodeDef n : f.getNodeDefList()) {
            NodeDef.Builder nb = n.toBuilder().setName(prefix + n.getName()).clearInput().setDevice("");
            for (String in : n.getInputList()) {
                nb.addInput(mapInput(in, prefix, args, body, library, fname, source));
            }
            if (nb.getInputCount() == 0 || n.getInputList().stream().noneMatch(i -> !i.startsWith("^"))) {
                for (String c : controlInputs) {
                    nb.addInput(c); // keep the call's control dependencies on body nodes without data inputs
                }
            }
            for (Map.Entry<String, AttrValue> e : n.getAttrMap().entrySet()) {
                if (!e.getValue().getPlaceholder().isEmpty()) {
                    AttrValue bound = call.getAttrMap().get(e.getValue().getPlaceholder());
                    if (bound == null) {
                        throw new ModelImportException(source, "function '" + fname + "' node '" + n.getName()
                                + "' uses attribute placeholder '" + e.getValue().getPlaceholder()
                                + "' which the call does not bind");
                    }
                    nb.putAttr(e.getKey(), bound);
                }
            }
            out.add(nb.build());
        }
        // The call node itself becomes an IdentityN of the results, keeping "call:k" names valid.
        NodeDef.Builder results = NodeDef.newBuilder().setName(call.getName()).setOp("IdentityN");
        AttrValue.ListValue.Builder types = AttrValue.ListValue.newBuilder();
        for (OpDef.ArgDef o : sig.getOutputArgList()) {
            String ret = f.getRetMap().get(o.getName());
            if (ret == null) {
                throw new ModelImportException(source, "function '" + fname + "' has no ret for output '"
                        + o.getName() + "'");
            }
            if (o.getType() == org.tensorflow.proto.DataType.DT_INVALID) {
                throw new ModelImportException(source, "function '" + fname + "' output '" + o.getName()
                        + "' has a type attribute; trt4j inlines only concretely typed functions");
            }
            results.addInput(mapInput(ret, prefix, args, body, library, fname, source));
            types.addType(o.getType());
        }
        if (sig.getOutputArgCount() > 0) {
            results.putAttr("T", AttrValue.newBuilder().setList(types).build());
            out.add(results.build());
        } else {
            out.add(NodeDef.newBuilder().setName(call.getName()).setOp("NoOp").build());
        }
        return out;
    }

    /** Maps a function-body input ({@code arg}, {@code node:out_arg:idx}, {@code ^node}) to a graph input. */
    private static String mapInput(String in, String prefix, Map<String, String> args, Map<String, NodeDef> body,
            Map<String, FunctionDef> library, String fname, Path source) throws ModelImportException {
        if (in.startsWith("^")) {
            String name = in.substring(1);
            if (args.containsKey(name)) {
                String a = args.get(name);
                return "^" + GraphNodes.nodeName(a);
            }
            return "^" + prefix + name;
        }
        String[] parts = in.split(":");
        if (parts.length == 1) {
            String a = args.get(in);
            if (a == null) {
                throw new ModelImportException(source, "function '" + fname + "' refers to unknown argument '" + in
                        + "'");
            }
            return a;
        }
        NodeDef node = body.get(parts[0]);
        if (node == null) {
            throw new ModelImportException(source, "function '" + fname + "' refers to unknown node '" + parts[0]
                    + "'");
        }
        int idx = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
        int flat = flatIndex(node, parts[1], library, fname, source) + idx;
        return prefix + node.getName() + (flat == 0 ? "" : ":" + flat);
    }

    private static int flatIndex(NodeDef node, String outArg, Map<String, FunctionDef> library, String fname,
            Path source) throws ModelImportException {
        List<OpDef.ArgDef> outs;
        FunctionDef called = calledFunction(node, library);
        if (called != null && !node.getOp().equals("PartitionedCall")
                && !node.getOp().equals("StatefulPartitionedCall")) {
            outs = called.getSignature().getOutputArgList();
        } else {
            OpDef op = opDefs().get(node.getOp());
            if (op == null) {
                throw new ModelImportException(source, "function '" + fname + "' node '" + node.getName()
                        + "' has op '" + node.getOp() + "', unknown to TensorFlow");
            }
            outs = op.getOutputArgList();
        }
        int flat = 0;
        for (OpDef.ArgDef a : outs) {
            if (a.getName().equals(outArg)) {
                return flat;
            }
            flat += argSize(node, a);
        }
        throw new ModelImportException(source, "function '" + fname + "' uses output '" + outArg + "' of node '"
                + node.getName() + "' (" + node.getOp() + "), which has no such output");
    }

    private static int argSize(NodeDef node, OpDef.ArgDef a) {
        if (!a.getNumberAttr().isEmpty()) {
            return (int) node.getAttrOrDefault(a.getNumberAttr(), AttrValue.getDefaultInstance()).getI();
        }
        if (!a.getTypeListAttr().isEmpty()) {
            return node.getAttrOrDefault(a.getTypeListAttr(), AttrValue.getDefaultInstance()).getList().getTypeCount();
        }
        return 1;
    }

    private static Map<String, OpDef> opDefs() {
        Map<String, OpDef> m = opDefs;
        if (m == null) {
            m = new HashMap<>();
            for (OpDef op : TensorFlow.registeredOpList().getOpList()) {
                m.put(op.getName(), op);
            }
            opDefs = m;
        }
        return m;
    }
}
