package io.trt4j.convert.onnx;

import io.trt4j.convert.onnx.ir.Attrs;
import io.trt4j.convert.onnx.ir.OnnxGraph;
import io.trt4j.convert.onnx.ir.OnnxNode;
import io.trt4j.convert.onnx.ir.OnnxTypes;
import io.trt4j.convert.onnx.ops.ConversionContext;
import io.trt4j.convert.onnx.ops.OpHandler;
import io.trt4j.convert.onnx.ops.OpRegistry;
import io.trt4j.convert.onnx.passes.PassPipeline;
import io.trt4j.convert.onnx.proto.Onnx.GraphProto;
import io.trt4j.convert.onnx.proto.Onnx.ModelProto;
import io.trt4j.convert.onnx.proto.Onnx.OperatorSetIdProto;
import io.trt4j.convert.onnx.proto.Onnx.TensorShapeProto;
import io.trt4j.convert.onnx.proto.Onnx.TypeProto;
import io.trt4j.convert.onnx.proto.Onnx.ValueInfoProto;
import io.trt4j.convert.tf.FrozenGraph;
import io.trt4j.convert.tf.TensorSpec;
import io.trt4j.core.Shape;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Converts a frozen TensorFlow graph to an ONNX model (opset {@value ConverterOptions#OPSET}) in pure Java.
 *
 * <p>Each TensorFlow node the outputs depend on is converted by its {@link OpHandler}; a graph using ops without a
 * handler fails once, with an {@link UnsupportedOpsException} listing all of them. The ONNX graph then goes through
 * the passes of {@link PassPipeline}: constant folding, identity and dead-node removal, the NHWC-to-NCHW layout pass
 * that removes the transposes around channels-first ops, and batch-norm folding into convolution weights.
 *
 * <p>Static shapes come from TensorFlow's own shape inference (the graph is imported into a TensorFlow Java
 * {@link Graph}); if TensorFlow cannot import the graph, conversion proceeds with the shapes of the inputs only.
 *
 * <p>Thread-safety: immutable and thread-safe; conversions may run concurrently.
 */
public final class TfToOnnxConverter {
    private static final Logger LOG = LoggerFactory.getLogger(TfToOnnxConverter.class);
    /** IR version 8 is the one that came with opset 17. */
    private static final long IR_VERSION = 8;
    /** Constants larger than this are imported into TensorFlow without their values, for shape inference. */
    private static final int LARGE_CONSTANT_BYTES = 16 * 1024;
    /** Op names of TF.js graph models that TensorFlow knows under another name (for shape inference only). */
    private static final Map<String, String> TFJS_OP_NAMES = Map.of(
            "FusedDepthwiseConv2dNative", "_FusedDepthwiseConv2dNative");

    private final ConverterOptions options;
    private final OpRegistry registry;

    /** A converter with the given options. */
    public TfToOnnxConverter(ConverterOptions options) {
        this.options = options;
        this.registry = OpRegistry.defaults();
    }

    /** A converter with {@link ConverterOptions#defaults()}. */
    public TfToOnnxConverter() {
        this(ConverterOptions.defaults());
    }

    public ConverterOptions options() {
        return options;
    }

    /**
     * Converts {@code frozen}.
     *
     * @throws UnsupportedOpsException if any op has no handler (all are listed)
     * @throws ConversionException if a node cannot be expressed in ONNX, or an input/output is missing
     */
    public OnnxModel convert(FrozenGraph frozen) {
        long start = System.nanoTime();
        GraphDef gd = frozen.graphDef();
        Map<String, NodeDef> byName = new HashMap<>();
        for (NodeDef n : gd.getNodeList()) {
            byName.put(n.getName(), n);
        }
        if (frozen.outputs().isEmpty()) {
            throw new ConversionException("the frozen graph names no outputs");
        }
        for (TensorSpec s : frozen.inputs()) {
            NodeDef n = byName.get(s.nodeName());
            if (n == null) {
                throw new ConversionException("input '" + s.name() + "' is not a node of the graph");
            }
        }
        List<NodeDef> order = reachableInOrder(frozen, byName);
        Set<String> inputNodes = new HashSet<>();
        frozen.inputs().forEach(s -> inputNodes.add(s.nodeName()));

        Map<String, List<String>> unsupported = new TreeMap<>();
        Map<String, Integer> tfOps = new TreeMap<>();
        for (NodeDef n : order) {
            tfOps.merge(n.getOp(), 1, Integer::sum);
            if (registry.handler(n.getOp()) == null) {
                unsupported.computeIfAbsent(n.getOp(), k -> new ArrayList<>()).add(n.getName());
            } else if (n.getOp().equals("Placeholder") && !inputNodes.contains(n.getName())) {
                throw new ConversionException("placeholder '" + n.getName() + "' is needed by the outputs but is not"
                        + " one of the graph's inputs " + frozen.inputs());
            }
        }
        if (!unsupported.isEmpty()) {
            throw new UnsupportedOpsException(unsupported);
        }

        Map<String, long[]> tfShapes = new HashMap<>();
        Map<String, Integer> tfTypes = new HashMap<>();
        long t0 = System.nanoTime();
        inferShapes(gd, order, tfShapes, tfTypes);
        long t1 = System.nanoTime();

        OnnxGraph graph = new OnnxGraph();
        for (NodeDef n : gd.getNodeList()) {
            graph.reserveName(n.getName()); // helper values "<base>:0" never collide with TensorFlow tensors
        }
        Map<String, String> aliases = new HashMap<>();
        ConversionContext ctx = new ConversionContext(graph, aliases, tfShapes, tfTypes);
        List<TensorSpec> onnxInputs = declareInputs(frozen, graph, ctx, tfShapes, tfTypes);
        for (NodeDef n : order) {
            try {
                registry.handler(n.getOp()).convert(ctx, n);
            } catch (ConversionException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ConversionException(n.getOp() + " node '" + n.getName() + "' failed to convert: " + e, e);
            }
        }
        List<TensorSpec> onnxOutputs = declareOutputs(frozen, graph, ctx, tfShapes, tfTypes);

        long t2 = System.nanoTime();
        if (options.optimize()) {
            PassPipeline.standard().run(graph);
        }
        long t3 = System.nanoTime();
        graph.sortTopologically();
        ModelProto model = toModel(graph);
        long t4 = System.nanoTime();
        LOG.debug("shape inference {} ms, handlers {} ms, passes {} ms, proto {} ms", (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
        Map<String, Integer> onnxOps = new TreeMap<>();
        for (OnnxNode n : graph.nodes()) {
            onnxOps.merge(n.opType(), 1, Integer::sum);
        }
        ConversionReport report = new ConversionReport(order.size(), graph.nodes().size(),
                graph.initializers().size(), tfOps, onnxOps, Duration.ofNanos(System.nanoTime() - start));
        LOG.debug("{}", report);
        return new OnnxModel(model, onnxInputs, onnxOutputs, report);
    }

    /** The nodes the outputs depend on (through data inputs), producers before consumers. */
    private static List<NodeDef> reachableInOrder(FrozenGraph frozen, Map<String, NodeDef> byName) {
        Set<String> inputNodes = new HashSet<>();
        frozen.inputs().forEach(s -> inputNodes.add(s.nodeName()));
        List<NodeDef> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> onStack = new HashSet<>();
        for (TensorSpec out : frozen.outputs()) {
            NodeDef root = byName.get(out.nodeName());
            if (root == null) {
                throw new ConversionException("output '" + out.name() + "' is not a node of the graph");
            }
            Deque<Object[]> stack = new ArrayDeque<>();
            if (done.add(root.getName())) {
                stack.push(new Object[] {root, 0});
                onStack.add(root.getName());
            }
            while (!stack.isEmpty()) {
                Object[] top = stack.peek();
                NodeDef n = (NodeDef) top[0];
                List<String> ins = inputNodes.contains(n.getName()) ? List.of() : ConversionContext.dataInputs(n);
                int i = (Integer) top[1];
                if (i < ins.size()) {
                    top[1] = i + 1;
                    String t = ins.get(i);
                    String name = t.substring(0, t.lastIndexOf(':'));
                    NodeDef p = byName.get(name);
                    if (p == null) {
                        throw new ConversionException("node '" + n.getName() + "' reads '" + t
                                + "', which is not in the graph");
                    }
                    if (onStack.contains(name)) {
                        throw new ConversionException("the graph has a cycle through '" + name
                                + "' (control flow is not supported)");
                    }
                    if (done.add(name)) {
                        stack.push(new Object[] {p, 0});
                        onStack.add(name);
                    }
                } else {
                    stack.pop();
                    onStack.remove(n.getName());
                    order.add(n);
                }
            }
        }
        return order;
    }

    /** Static shapes and types of every output of the reachable nodes, from TensorFlow's shape inference. */
    private static void inferShapes(GraphDef gd, List<NodeDef> order, Map<String, long[]> shapes,
            Map<String, Integer> types) {
        try (Graph g = new Graph()) {
            g.importGraphDef(withoutLargeConstantValues(gd));
            for (NodeDef n : order) {
                GraphOperation op = g.operation(n.getName());
                if (op == null) {
                    continue;
                }
                for (int i = 0; i < op.numOutputs(); i++) {
                    Output<?> o = op.output(i);
                    String name = n.getName() + ":" + i;
                    int t = OnnxTypes.fromTf(o.dataType());
                    if (t != OnnxTypes.UNDEFINED) {
                        types.put(name, t);
                    }
                    org.tensorflow.ndarray.Shape s = o.shape();
                    if (!s.isUnknown()) {
                        shapes.put(name, s.asArray());
                    }
                }
            }
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            LOG.warn("TensorFlow could not import the graph for shape inference ({}); converting with input shapes"
                    + " only", e.toString());
        }
    }

    /**
     * The graph with the values of large constants dropped (shape inference only needs their shapes, and TensorFlow
     * reads a value-less constant as zeros), so that importing it into TensorFlow copies no weights; TF.js op names
     * are replaced by TensorFlow's.
     */
    private static GraphDef withoutLargeConstantValues(GraphDef gd) {
        GraphDef.Builder b = gd.toBuilder();
        for (int i = 0; i < b.getNodeCount(); i++) {
            NodeDef n = b.getNode(i);
            String tfName = TFJS_OP_NAMES.get(n.getOp());
            if (tfName != null) {
                b.setNode(i, n.toBuilder().setOp(tfName));
                continue;
            }
            if (!n.getOp().equals("Const") || !n.getAttrMap().containsKey("value")) {
                continue;
            }
            org.tensorflow.proto.TensorProto t = n.getAttrMap().get("value").getTensor();
            if (t.getTensorContent().size() > LARGE_CONSTANT_BYTES) {
                org.tensorflow.proto.TensorProto light = t.toBuilder().clearTensorContent().build();
                b.setNode(i, n.toBuilder().putAttr("value", n.getAttrMap().get("value").toBuilder()
                        .setTensor(light).build()));
            }
        }
        return b.build();
    }

    private List<TensorSpec> declareInputs(FrozenGraph frozen, OnnxGraph graph, ConversionContext ctx,
            Map<String, long[]> tfShapes, Map<String, Integer> tfTypes) {
        List<TensorSpec> specs = new ArrayList<>();
        for (TensorSpec s : frozen.inputs()) {
            long[] shape = s.shape() != null ? s.shape().toArray() : tfShapes.get(s.name());
            if (shape != null) {
                tfShapes.put(s.name(), shape);
            }
            int type = OnnxTypes.fromCore(s.dataType());
            tfTypes.put(s.name(), type);
            graph.reserveName(s.name());
            boolean nchw = options.isNchwInput(s.name()) && shape != null && shape.length == 4;
            if (nchw) {
                int[] perm = ConversionContext.toNchwPerm(4);
                long[] nchwShape = ConversionContext.permute(shape, perm);
                graph.inputs().add(valueInfo(s.name(), type, nchwShape));
                graph.setShape(s.name(), nchwShape);
                graph.setType(s.name(), type);
                String nhwc = graph.uniqueName(s.nodeName() + "/nhwc:0");
                graph.add("Transpose", s.nodeName() + "/ToNhwc", List.of(s.name()), List.of(nhwc))
                        .attr(Attrs.ints("perm", ConversionContext.toNhwcPerm(4)));
                graph.setShape(nhwc, shape);
                graph.setType(nhwc, type);
                ctx.alias(s.name(), nhwc);
                specs.add(new TensorSpec(s.name(), s.dataType(), Shape.of(nchwShape)));
            } else {
                graph.inputs().add(valueInfo(s.name(), type, shape));
                graph.setShape(s.name(), shape);
                graph.setType(s.name(), type);
                specs.add(new TensorSpec(s.name(), s.dataType(), shape == null ? null : Shape.of(shape)));
            }
        }
        return specs;
    }

    private static List<TensorSpec> declareOutputs(FrozenGraph frozen, OnnxGraph graph, ConversionContext ctx,
            Map<String, long[]> tfShapes, Map<String, Integer> tfTypes) {
        List<TensorSpec> specs = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        Set<String> producedByNodes = graph.producers().keySet();
        for (TensorSpec s : frozen.outputs()) {
            if (!declared.add(s.name())) {
                continue;
            }
            String value = ctx.resolve(s.name());
            boolean isInput = graph.inputs().stream().anyMatch(v -> v.getName().equals(s.name()));
            if (!value.equals(s.name()) || !producedByNodes.contains(value) || isInput) {
                if (isInput) {
                    throw new ConversionException("output '" + s.name() + "' is also an input");
                }
                if (!producedByNodes.contains(value) && graph.constant(value) == null
                        && graph.inputs().stream().noneMatch(v -> v.getName().equals(value))) {
                    throw new ConversionException("output '" + s.name() + "' is not computed by the graph");
                }
                graph.add("Identity", s.nodeName() + "/output", List.of(value), List.of(s.name()));
            }
            long[] shape = tfShapes.get(s.name());
            if (shape == null && s.shape() != null) {
                shape = s.shape().toArray();
            }
            Integer t = tfTypes.get(s.name());
            int type = t != null ? t : OnnxTypes.fromCore(s.dataType());
            graph.setShape(s.name(), shape);
            graph.setType(s.name(), type);
            graph.outputs().add(valueInfo(s.name(), type, shape));
            io.trt4j.core.DataType coreType;
            try {
                coreType = OnnxTypes.toCore(type);
            } catch (IllegalArgumentException e) {
                throw new ConversionException("output '" + s.name() + "' has element type " + OnnxTypes.name(type)
                        + ", which trt4j tensors cannot hold", e);
            }
            specs.add(new TensorSpec(s.name(), coreType, shape == null ? null : Shape.of(shape)));
        }
        return specs;
    }

    private static ValueInfoProto valueInfo(String name, int type, long[] shape) {
        TypeProto.Tensor.Builder tt = TypeProto.Tensor.newBuilder().setElemType(type);
        if (shape != null) {
            TensorShapeProto.Builder sb = TensorShapeProto.newBuilder();
            for (int i = 0; i < shape.length; i++) {
                TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
                if (shape[i] >= 0) {
                    d.setDimValue(shape[i]);
                } else if (i == 0) {
                    d.setDimParam("N");
                } else {
                    d.setDimParam(name.replace(':', '_') + "_d" + i);
                }
                sb.addDim(d);
            }
            tt.setShape(sb);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tt)).build();
    }

    private ModelProto toModel(OnnxGraph graph) {
        GraphProto g = graph.toProto("trt4j");
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName(options.producerName())
                .setProducerVersion("0.1.0").addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("")
                        .setVersion(ConverterOptions.OPSET))
                .setGraph(g).build();
    }
}
