package io.trt4j.convert.tfjs;

import io.trt4j.convert.tf.FrozenGraph;
import io.trt4j.convert.tf.ModelImportException;
import io.trt4j.convert.tf.TensorFlowImporter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;

/**
 * Imports TensorFlow.js graph models as {@link FrozenGraph}s that TensorFlow (and the ONNX converter) can run.
 *
 * <ul>
 *   <li>{@link #load(Path)}: a {@code model.json} ({@code "format": "graph-model"}) whose weights manifest names
 *       binary shards next to it;
 *   <li>{@link #fromJsBundle(Path)}: a folder of JavaScript modules, as nsfwjs ships its models
 *       ({@code model.min.js} exporting the model.json object, {@code group1-shard1of2.min.js} ... exporting base64
 *       shards).
 * </ul>
 *
 * <p>Weights are float32, int32, uint8 or bool, optionally quantized ({@code uint8}/{@code uint16}:
 * {@code value = q * scale + min}; {@code float16}); they are dequantized to their declared dtype and stored in the
 * {@code Const} nodes. TF.js-only fused ops are decomposed (see {@link FusedOpRewriter}). Inputs and outputs come from
 * the model's signature when present, else they are inferred (placeholders; unconsumed nodes). The result's layout is
 * TensorFlow's (NHWC for images); value ranges are the model's own (nsfwjs MobileNetV2: {@code input:0}
 * {@code [-1,224,224,3]} float in [0, 1], {@code Identity:0} {@code [-1,5]} probabilities).
 *
 * <p>Thread-safety: stateless, safe to use from any thread.
 */
public final class TfjsModel {
    private static final Logger LOG = LoggerFactory.getLogger(TfjsModel.class);

    private TfjsModel() {
    }

    /**
     * Loads a {@code model.json} graph model and its binary weight shards.
     *
     * @throws ModelImportException if the JSON or a shard is missing, corrupt or truncated, a shard size does not
     *     match the manifest, a dtype is unknown, or TensorFlow rejects the graph
     * @throws UnsafeShardPathException if a shard path leaves the model's folder
     */
    public static FrozenGraph load(Path modelJson) throws ModelImportException {
        String text = readText(modelJson);
        Object json;
        try {
            json = JsonParser.parse(text);
        } catch (JsonParser.SyntaxException e) {
            throw new ModelImportException(modelJson, "corrupt or truncated JSON: " + e.getMessage(), e);
        }
        return fromModelObject(json, modelJson, new ShardReader(modelJson, false));
    }

    /**
     * Loads a graph model bundled as JavaScript modules in {@code dir}: {@code model.min.js} (or {@code model.js})
     * exporting the model.json object, and one module per manifest path ({@code <path>.min.js} or {@code <path>.js})
     * exporting the shard as a base64 string. No JavaScript is run.
     *
     * @throws ModelImportException as {@link #load(Path)}, and if no exported value can be found
     */
    public static FrozenGraph fromJsBundle(Path dir) throws ModelImportException {
        Path model = dir.resolve("model.min.js");
        if (!Files.isRegularFile(model)) {
            model = dir.resolve("model.js");
        }
        if (!Files.isRegularFile(model)) {
            throw new ModelImportException(dir, "no model.min.js or model.js in the bundle folder");
        }
        Object json = JsBundle.exportedValue(readText(model), model);
        return fromModelObject(json, model, new ShardReader(model, true));
    }

    private static String readText(Path file) throws ModelImportException {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ModelImportException(file, "model file does not exist", e);
        } catch (IOException e) {
            throw new ModelImportException(file, "cannot read model file: " + e.getMessage(), e);
        }
    }

    static FrozenGraph fromModelObject(Object json, Path file, ShardReader shards) throws ModelImportException {
        Map<?, ?> model = asMap(json, "the model", file);
        Object format = model.get("format");
        if (format != null && !"graph-model".equals(format)) {
            throw new ModelImportException(file, "format is '" + format + "'; only TF.js graph models "
                    + "(\"graph-model\") are supported");
        }
        Map<?, ?> topology = asMap(model.get("modelTopology"), "modelTopology", file);
        if (!topology.containsKey("node")) {
            throw new ModelImportException(file, "modelTopology has no 'node' list: not a TF.js graph model"
                    + (topology.containsKey("class_name") ? " (this is a Keras layers model)" : ""));
        }
        GraphDef.Builder gb = GraphDef.newBuilder();
        try {
            ProtoJson.merge(topology, gb, "modelTopology");
        } catch (ProtoJson.MappingException e) {
            throw new ModelImportException(file, e.getMessage(), e);
        }
        Map<String, TensorProto> weights = readWeights(model.get("weightsManifest"), file, shards);
        GraphDef graph = fillConstants(gb.build(), weights, file);
        try {
            graph = FusedOpRewriter.rewrite(graph);
        } catch (IllegalArgumentException e) {
            throw new ModelImportException(file, e.getMessage(), e);
        }

        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        signatureNames(model, graph, inputs, outputs, file);
        try {
            var importer = TensorFlowImporter.fromGraphDef(graph);
            if (!inputs.isEmpty()) {
                importer.inputs(inputs.toArray(String[]::new));
            }
            if (!outputs.isEmpty()) {
                importer.outputs(outputs.toArray(String[]::new));
            }
            return importer.load();
        } catch (ModelImportException e) {
            throw new ModelImportException(file, e.getMessage(), e);
        }
    }

    private static void signatureNames(Map<?, ?> model, GraphDef graph, List<String> inputs, List<String> outputs,
            Path file) {
        Object sig = model.get("signature");
        if (sig == null && model.get("userDefinedMetadata") instanceof Map<?, ?> meta) {
            sig = meta.get("signature");
        }
        if (!(sig instanceof Map<?, ?> s)) {
            return;
        }
        Set<String> nodes = new HashSet<>();
        for (NodeDef n : graph.getNodeList()) {
            nodes.add(n.getName());
        }
        List<String> in = tensorNames(s.get("inputs"));
        List<String> out = tensorNames(s.get("outputs"));
        for (String name : concat(in, out)) {
            String node = name.contains(":") ? name.substring(0, name.lastIndexOf(':')) : name;
            if (!nodes.contains(node)) {
                LOG.warn("{}: signature names '{}', which is not a node; inferring inputs and outputs", file, name);
                return;
            }
        }
        inputs.addAll(in);
        outputs.addAll(out);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> tensorNames(Object tensors) {
        List<String> names = new ArrayList<>();
        if (tensors instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object name = e.getValue() instanceof Map<?, ?> info ? info.get("name") : null;
                names.add(name instanceof String s ? s : String.valueOf(e.getKey()));
            }
        }
        return names;
    }

    private static Map<String, TensorProto> readWeights(Object manifest, Path file, ShardReader shards)
            throws ModelImportException {
        Map<String, TensorProto> out = new HashMap<>();
        if (manifest == null) {
            return out;
        }
        List<?> groups = asList(manifest, "weightsManifest", file);
        for (int g = 0; g < groups.size(); g++) {
            String where = "weightsManifest[" + g + "]";
            Map<?, ?> group = asMap(groups.get(g), where, file);
            List<?> paths = asList(group.get("paths"), where + ".paths", file);
            List<WeightSpec> specs = new ArrayList<>();
            List<?> entries = asList(group.get("weights"), where + ".weights", file);
            long needed = 0;
            for (int w = 0; w < entries.size(); w++) {
                WeightSpec spec = weightSpec(entries.get(w), where + ".weights[" + w + "]", file);
                specs.add(spec);
                needed += spec.storedBytes();
            }
            // Check every path before reading any shard.
            for (Object p : paths) {
                shards.resolve(asString(p, where + ".paths", file));
            }
            ByteBuffer data = concatenate(paths, shards, file, where);
            if (data.remaining() != needed) {
                throw new ModelImportException(file, "shard size mismatch: " + where + " shards " + paths + " hold "
                        + data.remaining() + " bytes, but its " + specs.size() + " weights need " + needed + " bytes");
            }
            for (WeightSpec spec : specs) {
                int size = (int) spec.storedBytes();
                ByteBuffer slice = data.slice().limit(size);
                try {
                    out.put(spec.name(), WeightDecoder.decode(spec, slice));
                } catch (IllegalArgumentException e) {
                    throw new ModelImportException(file, e.getMessage(), e);
                }
                data.position(data.position() + size);
            }
        }
        return out;
    }

    private static ByteBuffer concatenate(List<?> paths, ShardReader shards, Path file, String where)
            throws ModelImportException {
        List<byte[]> parts = new ArrayList<>();
        long total = 0;
        for (Object p : paths) {
            byte[] b = shards.read(asString(p, where + ".paths", file));
            parts.add(b);
            total += b.length;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new ModelImportException(file, where + " shards hold " + total + " bytes, over 2 GiB");
        }
        ByteBuffer all = ByteBuffer.allocate((int) total);
        for (byte[] b : parts) {
            all.put(b);
        }
        return all.flip();
    }

    private static WeightSpec weightSpec(Object entry, String where, Path file) throws ModelImportException {
        Map<?, ?> m = asMap(entry, where, file);
        String name = asString(m.get("name"), where + ".name", file);
        List<?> shapeList = asList(m.get("shape"), where + ".shape", file);
        long[] shape = new long[shapeList.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof BigDecimal d) || d.signum() < 0) {
                throw new ModelImportException(file, "weight '" + name + "': bad shape " + shapeList);
            }
            shape[i] = d.longValueExact();
        }
        String dtype = asString(m.get("dtype"), where + ".dtype", file);
        if (WeightDecoder.tfType(dtype) == null) {
            throw new ModelImportException(file, "weight '" + name + "' has unknown or unsupported dtype '" + dtype
                    + "' (supported: float32, int32, uint8, bool)");
        }
        WeightSpec.Quantization q = null;
        if (m.get("quantization") != null) {
            Map<?, ?> qm = asMap(m.get("quantization"), where + ".quantization", file);
            String qd = asString(qm.get("dtype"), where + ".quantization.dtype", file);
            if (!Set.of("uint8", "uint16", "float16").contains(qd)) {
                throw new ModelImportException(file, "weight '" + name + "' has unknown quantization dtype '" + qd
                        + "' (supported: uint8, uint16, float16)");
            }
            double scale = 0;
            double min = 0;
            if (!qd.equals("float16")) {
                scale = asNumber(qm.get("scale"), where + ".quantization.scale", file);
                min = asNumber(qm.get("min"), where + ".quantization.min", file);
            }
            q = new WeightSpec.Quantization(qd, scale, min);
        }
        WeightSpec spec = new WeightSpec(name, shape, dtype, q);
        try {
            spec.storedBytes();
        } catch (ArithmeticException e) {
            throw new ModelImportException(file, "weight '" + name + "': shape " + shapeList + " is too large");
        }
        return spec;
    }

    private static GraphDef fillConstants(GraphDef graph, Map<String, TensorProto> weights, Path file)
            throws ModelImportException {
        GraphDef.Builder b = graph.toBuilder();
        Set<String> used = new HashSet<>();
        for (NodeDef.Builder n : b.getNodeBuilderList()) {
            if (!n.getOp().equals("Const")) {
                continue;
            }
            TensorProto w = weights.get(n.getName());
            if (w == null) {
                TensorProto inline = n.getAttrOrDefault("value", AttrValue.getDefaultInstance()).getTensor();
                if (!hasValues(inline)) {
                    throw new ModelImportException(file, "Const node '" + n.getName() + "' has no value in the "
                            + "topology and no weight in the manifest");
                }
                continue;
            }
            used.add(n.getName());
            if (n.containsAttr("dtype") && n.getAttrOrThrow("dtype").getType() != w.getDtype()) {
                throw new ModelImportException(file, "Const node '" + n.getName() + "' is "
                        + n.getAttrOrThrow("dtype").getType() + " but its weight is " + w.getDtype());
            }
            n.putAttr("dtype", AttrValue.newBuilder().setType(w.getDtype()).build());
            n.putAttr("value", AttrValue.newBuilder().setTensor(w).build());
        }
        if (used.size() != weights.size()) {
            List<String> unused = new ArrayList<>(weights.keySet());
            unused.removeAll(used);
            LOG.warn("{}: {} weight(s) match no Const node and are ignored: {}", file, unused.size(),
                    unused.size() > 10 ? unused.subList(0, 10) + "..." : unused);
        }
        return b.build();
    }

    private static boolean hasValues(TensorProto t) {
        long n = 1;
        for (var d : t.getTensorShape().getDimList()) {
            n *= d.getSize();
        }
        return n == 0 || !t.getTensorContent().isEmpty() || t.getFloatValCount() > 0 || t.getIntValCount() > 0
                || t.getInt64ValCount() > 0 || t.getBoolValCount() > 0 || t.getStringValCount() > 0
                || t.getHalfValCount() > 0 || t.getDoubleValCount() > 0;
    }

    private static Map<?, ?> asMap(Object v, String where, Path file) throws ModelImportException {
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw new ModelImportException(file, where + " must be an object, found " + ProtoJson.describe(v));
    }

    private static List<?> asList(Object v, String where, Path file) throws ModelImportException {
        if (v instanceof List<?> l) {
            return l;
        }
        throw new ModelImportException(file, where + " must be an array, found " + ProtoJson.describe(v));
    }

    private static String asString(Object v, String where, Path file) throws ModelImportException {
        if (v instanceof String s) {
            return s;
        }
        throw new ModelImportException(file, where + " must be a string, found " + ProtoJson.describe(v));
    }

    private static double asNumber(Object v, String where, Path file) throws ModelImportException {
        if (v instanceof BigDecimal d) {
            return d.doubleValue();
        }
        throw new ModelImportException(file, where + " must be a number, found " + ProtoJson.describe(v));
    }
}
