package io.trt4j.convert.tf;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;

/**
 * Replaces variables by constants holding their current values in a session: TF1 {@code VariableV2}/{@code Variable}
 * nodes become {@code Const} nodes of the same name, and each TF2 {@code ReadVariableOp} becomes a {@code Const} of the
 * value it reads (its {@code VarHandleOp} then drops out). The graph is pruned to the outputs first, so training,
 * initialization and saving nodes never survive; TF2 function calls on the way are inlined ({@link FunctionInliner}),
 * and reads inside them are evaluated through a {@code ReadVariableOp} added to the session's graph.
 *
 * <p>Thread-safety: stateless; the session must not be run concurrently with a freeze that changes its variables.
 */
final class VariableFreezer {
    /** Ops that hold state and must not remain in a frozen graph. */
    static final Set<String> VARIABLE_OPS = Set.of("VariableV2", "Variable", "VarHandleOp");

    private VariableFreezer() {
    }

    /**
     * The graph pruned to {@code outputs} (all inferred outputs if {@code null} or empty), not expanding past
     * {@code inputs}, with every variable read replaced by a constant.
     */
    static GraphDef freeze(Session session, GraphDef graph, List<String> inputs, List<String> outputs, Path source)
            throws ModelImportException {
        Set<String> outputNodes = new LinkedHashSet<>();
        Map<String, NodeDef> all = GraphNodes.byName(graph);
        if (outputs == null || outputs.isEmpty()) {
            outputNodes.addAll(GraphNodes.inferOutputs(graph));
        } else {
            for (String o : outputs) {
                outputNodes.add(TensorNames.node(o));
            }
        }
        Set<String> stops = new LinkedHashSet<>();
        if (inputs != null) {
            for (String i : inputs) {
                stops.add(TensorNames.node(i));
            }
        }
        for (String n : outputNodes) {
            if (!all.containsKey(n)) {
                return graph; // unknown names are reported, with candidates, by GraphFinisher
            }
        }
        GraphDef pruned = GraphNodes.prune(graph, outputNodes, stops);
        if (FunctionInliner.hasCalls(pruned)) {
            pruned = GraphNodes.prune(FunctionInliner.inline(pruned, source), outputNodes, stops);
        }
        Map<String, NodeDef> prunedByName = GraphNodes.byName(pruned);

        List<NodeDef> toFreeze = new ArrayList<>();
        for (NodeDef n : pruned.getNodeList()) {
            if (stops.contains(n.getName())) {
                continue;
            }
            if (n.getOp().equals("VariableV2") || n.getOp().equals("Variable") || n.getOp().equals("ReadVariableOp")) {
                toFreeze.add(n);
            }
        }
        Map<String, NodeDef> constants = new HashMap<>();
        if (!toFreeze.isEmpty()) {
            Session.Runner runner = session.runner();
            for (NodeDef n : toFreeze) {
                runner.fetch(fetchName(session, n, prunedByName, source), 0);
            }
            try (Result values = runner.run()) {
                for (int i = 0; i < toFreeze.size(); i++) {
                    NodeDef n = toFreeze.get(i);
                    constants.put(n.getName(), constant(n.getName(), values.get(i), source));
                }
            } catch (RuntimeException e) {
                throw new ModelImportException(source, "cannot read variable values (are they restored or "
                        + "initialized?): " + e.getMessage(), e);
            }
        }
        GraphDef.Builder b = pruned.toBuilder().clearNode();
        for (NodeDef n : pruned.getNodeList()) {
            b.addNode(constants.getOrDefault(n.getName(), n));
        }
        GraphDef frozen = GraphNodes.prune(b.build(), outputNodes, stops);
        Map<String, NodeDef> byName = GraphNodes.byName(frozen);
        for (NodeDef n : frozen.getNodeList()) {
            for (String in : n.getInputList()) {
                NodeDef src = byName.get(GraphNodes.nodeName(in));
                if (src != null && VARIABLE_OPS.contains(src.getOp())) {
                    throw new ModelImportException(source, "node '" + n.getName() + "' (" + n.getOp()
                            + ") uses variable '" + src.getName() + "' (" + src.getOp() + ") other than by "
                            + "ReadVariableOp; trt4j cannot freeze that");
                }
            }
        }
        return frozen;
    }

    /**
     * The session-graph node whose output 0 holds {@code n}'s value: {@code n} itself if the session graph has it,
     * else (a read inlined from a function) a new {@code ReadVariableOp} added to the session graph on the
     * {@code VarHandleOp} that {@code n} reads through {@code Identity} nodes.
     */
    private static String fetchName(Session session, NodeDef n, Map<String, NodeDef> graph, Path source)
            throws ModelImportException {
        org.tensorflow.Graph g = session.graph();
        org.tensorflow.GraphOperation own = g.operation(n.getName());
        if (own != null && own.type().equals(n.getOp())) {
            return n.getName();
        }
        if (!n.getOp().equals("ReadVariableOp")) {
            throw new ModelImportException(source, "variable '" + n.getName() + "' is not in the session's graph");
        }
        NodeDef src = graph.get(GraphNodes.nodeName(n.getInput(0)));
        while (src != null && src.getOp().equals("Identity")) {
            src = graph.get(GraphNodes.nodeName(src.getInput(0)));
        }
        if (src == null || !src.getOp().equals("VarHandleOp") || g.operation(src.getName()) == null) {
            throw new ModelImportException(source, "ReadVariableOp '" + n.getName() + "' reads "
                    + (src == null ? "an unknown handle" : "'" + src.getName() + "' (" + src.getOp() + ")")
                    + ", not a VarHandleOp of the graph; trt4j cannot freeze it");
        }
        org.tensorflow.proto.DataType type = n.getAttrOrThrow("dtype").getType();
        io.trt4j.core.DataType core = TfTypes.toCore(type).orElseThrow(() -> new ModelImportException(source,
                "variable '" + n.getName() + "' has unsupported type " + type));
        String name = "trt4j_read_0";
        for (int i = 1; g.operation(name) != null; i++) {
            name = "trt4j_read_" + i;
        }
        org.tensorflow.op.Ops.create(g).withName(name)
                .readVariableOp(g.operation(src.getName()).output(0), TfTypes.tensorClass(core));
        return name;
    }

    /** A {@code Const} node named {@code name} holding {@code value}. */
    static NodeDef constant(String name, Tensor value, Path source) throws ModelImportException {
        TensorProto proto = toProto(value, name, source);
        return NodeDef.newBuilder().setName(name).setOp("Const")
                .putAttr("dtype", AttrValue.newBuilder().setType(proto.getDtype()).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(proto).build())
                .build();
    }

    /** The value of {@code value} as a TensorProto with little-endian {@code tensor_content}. */
    static TensorProto toProto(Tensor value, String name, Path source) throws ModelImportException {
        DataType type = TfTypes.baseType(value.dataType());
        if (type == DataType.DT_STRING || type == DataType.DT_RESOURCE || type == DataType.DT_VARIANT) {
            throw new ModelImportException(source, "variable '" + name + "' has type " + type
                    + ", which cannot become a constant here");
        }
        long n = value.numBytes();
        if (n > Integer.MAX_VALUE - 16) {
            throw new ModelImportException(source, "variable '" + name + "' holds " + n + " bytes, over 2 GiB");
        }
        byte[] bytes = new byte[(int) n];
        value.asRawTensor().data().read(bytes);
        return TensorProto.newBuilder().setDtype(type)
                .setTensorShape(TfTypes.toProto(TfTypes.toCore(value.shape())))
                .setTensorContent(ByteString.copyFrom(bytes))
                .build();
    }
}
