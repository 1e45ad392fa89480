package io.trt4j.convert.tfjs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Rewrites the fused ops of TF.js graphs into standard TensorFlow ops, so that TensorFlow runs the graph and the
 * ONNX converter sees only ordinary ops: {@code FusedDepthwiseConv2dNative} (a TF.js-only op), {@code _FusedConv2D}
 * and {@code _FusedMatMul} become {@code DepthwiseConv2dNative} / {@code Conv2D} / {@code MatMul} followed by one node
 * per fused op ({@code BiasAdd}, {@code Add}, {@code FusedBatchNorm}, {@code Relu}, {@code Relu6}, {@code Elu},
 * {@code LeakyRelu}, {@code Sigmoid}, {@code Tanh}, {@code Prelu}); TF.js's {@code Prelu} op becomes
 * {@code Relu(x) - alpha * Relu(-x)}. The last node of each chain keeps the fused node's name, so consumers are
 * unchanged; the others are named {@code <name>/<op>}.
 *
 * <p>Thread-safety: stateless, safe to use from any thread.
 */
final class FusedOpRewriter {
    private static final Set<String> CONV_ATTRS = Set.of("T", "strides", "padding", "explicit_paddings",
            "data_format", "dilations", "use_cudnn_on_gpu");
    private static final Set<String> DEPTHWISE_ATTRS = Set.of("T", "strides", "padding", "explicit_paddings",
            "data_format", "dilations");
    private static final Set<String> MATMUL_ATTRS = Set.of("T", "transpose_a", "transpose_b");

    private FusedOpRewriter() {
    }

    /** Whether the rewriter handles this op. */
    static boolean isFused(String op) {
        return switch (op) {
            case "FusedDepthwiseConv2dNative", "_FusedDepthwiseConv2dNative", "_FusedConv2D", "_FusedMatMul",
                    "Prelu" -> true;
            default -> false;
        };
    }

    /**
     * The graph with fused ops decomposed.
     *
     * @throws IllegalArgumentException naming the node if a fused op or argument count is not supported
     */
    static GraphDef rewrite(GraphDef graph) {
        GraphDef.Builder b = graph.toBuilder().clearNode();
        for (NodeDef n : graph.getNodeList()) {
            if (isFused(n.getOp())) {
                b.addAllNode(decompose(n));
            } else {
                b.addNode(n);
            }
        }
        return b.build();
    }

    private static List<NodeDef> decompose(NodeDef n) {
        List<NodeDef> out = new ArrayList<>();
        AttrValue t = n.getAttrOrDefault("T", AttrValue.newBuilder().setType(org.tensorflow.proto.DataType.DT_FLOAT)
                .build());
        if (n.getOp().equals("Prelu")) {
            requireInputs(n, 2);
            prelu(n.getName(), n.getInput(0), n.getInput(1), t, n.getDevice(), out);
            return out;
        }
        String baseOp;
        Set<String> baseAttrs;
        switch (n.getOp()) {
            case "_FusedConv2D" -> {
                baseOp = "Conv2D";
                baseAttrs = CONV_ATTRS;
            }
            case "_FusedMatMul" -> {
                baseOp = "MatMul";
                baseAttrs = MATMUL_ATTRS;
            }
            default -> {
                baseOp = "DepthwiseConv2dNative";
                baseAttrs = DEPTHWISE_ATTRS;
            }
        }
        List<String> dataInputs = new ArrayList<>();
        List<String> controlInputs = new ArrayList<>();
        for (String in : n.getInputList()) {
            (in.startsWith("^") ? controlInputs : dataInputs).add(in);
        }
        if (dataInputs.size() < 2) {
            throw new IllegalArgumentException("node '" + n.getName() + "' (" + n.getOp() + ") has "
                    + dataInputs.size() + " data inputs; it needs at least 2");
        }
        List<String> fused = new ArrayList<>();
        for (var s : n.getAttrOrDefault("fused_ops", AttrValue.getDefaultInstance()).getList().getSList()) {
            fused.add(s.toStringUtf8());
        }
        List<String> args = dataInputs.subList(2, dataInputs.size());
        String dataFormat = n.containsAttr("data_format") ? n.getAttrOrThrow("data_format").getS().toStringUtf8()
                : "NHWC";

        String baseName = fused.isEmpty() ? n.getName() : n.getName() + "/" + baseOp;
        NodeDef.Builder base = NodeDef.newBuilder().setName(baseName).setOp(baseOp).setDevice(n.getDevice())
                .addInput(dataInputs.get(0)).addInput(dataInputs.get(1)).addAllInput(controlInputs);
        n.getAttrMap().forEach((k, v) -> {
            if (baseAttrs.contains(k)) {
                base.putAttr(k, v);
            }
        });
        out.add(base.build());

        String prev = baseName;
        int arg = 0;
        for (int i = 0; i < fused.size(); i++) {
            String op = fused.get(i);
            String name = i == fused.size() - 1 ? n.getName() : n.getName() + "/" + op;
            NodeDef.Builder nb = NodeDef.newBuilder().setName(name).setDevice(n.getDevice()).addInput(prev);
            switch (op) {
                case "BiasAdd" -> {
                    nb.setOp("BiasAdd").addInput(arg(n, args, arg++)).putAttr("T", t);
                    if (!baseOp.equals("MatMul")) {
                        nb.putAttr("data_format", str(dataFormat));
                    }
                }
                case "Add", "AddV2" -> nb.setOp("AddV2").addInput(arg(n, args, arg++)).putAttr("T", t);
                case "Relu", "Relu6", "Elu", "Sigmoid", "Tanh", "Selu" -> nb.setOp(op).putAttr("T", t);
                case "LeakyRelu" -> nb.setOp("LeakyRelu").putAttr("T", t).putAttr("alpha", AttrValue.newBuilder()
                        .setF(n.getAttrOrDefault("leakyrelu_alpha", AttrValue.newBuilder().setF(0.2f).build()).getF())
                        .build());
                case "FusedBatchNorm" -> {
                    nb.setOp("FusedBatchNormV3").putAttr("T", t).putAttr("U", t)
                            .putAttr("epsilon", n.getAttrOrDefault("epsilon", AttrValue.newBuilder().setF(1e-3f)
                                    .build()))
                            .putAttr("data_format", str(dataFormat))
                            .putAttr("is_training", AttrValue.newBuilder().setB(false).build());
                    for (int k = 0; k < 4; k++) {
                        nb.addInput(arg(n, args, arg++));
                    }
                }
                case "Prelu" -> {
                    prelu(name, prev, arg(n, args, arg++), t, n.getDevice(), out);
                    prev = name;
                    continue;
                }
                default -> throw new IllegalArgumentException("node '" + n.getName() + "' (" + n.getOp()
                        + ") fuses '" + op + "', which trt4j cannot decompose; fused ops: " + fused);
            }
            out.add(nb.build());
            prev = name;
        }
        if (arg != args.size()) {
            throw new IllegalArgumentException("node '" + n.getName() + "' (" + n.getOp() + ") has " + args.size()
                    + " extra argument(s) but its fused ops " + fused + " use " + arg);
        }
        return out;
    }

    /** {@code Relu(x) - alpha * Relu(-x)} ending in a node named {@code name}. */
    private static void prelu(String name, String x, String alpha, AttrValue t, String device, List<NodeDef> out) {
        out.add(unary(name + "/pos", "Relu", x, t, device));
        out.add(unary(name + "/neg_x", "Neg", x, t, device));
        out.add(unary(name + "/neg_relu", "Relu", name + "/neg_x", t, device));
        out.add(NodeDef.newBuilder().setName(name + "/neg").setOp("Mul").setDevice(device).addInput(alpha)
                .addInput(name + "/neg_relu").putAttr("T", t).build());
        out.add(NodeDef.newBuilder().setName(name).setOp("Sub").setDevice(device).addInput(name + "/pos")
                .addInput(name + "/neg").putAttr("T", t).build());
    }

    private static NodeDef unary(String name, String op, String x, AttrValue t, String device) {
        return NodeDef.newBuilder().setName(name).setOp(op).setDevice(device).addInput(x).putAttr("T", t).build();
    }

    private static String arg(NodeDef n, List<String> args, int i) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("node '" + n.getName() + "' (" + n.getOp() + ") lacks argument " + i
                    + " for its fused ops; it has " + args.size());
        }
        return args.get(i);
    }

    private static void requireInputs(NodeDef n, int count) {
        if (n.getInputCount() < count) {
            throw new IllegalArgumentException("node '" + n.getName() + "' (" + n.getOp() + ") has "
                    + n.getInputCount() + " inputs; it needs " + count);
        }
    }

    private static AttrValue str(String s) {
        return AttrValue.newBuilder().setS(com.google.protobuf.ByteString.copyFromUtf8(s)).build();
    }
}
