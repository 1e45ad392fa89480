package io.trt4j.convert.tf;

import io.trt4j.core.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Runs a {@link FrozenGraph} with TensorFlow Java on the CPU: the reference the converter and benchmarks compare
 * against. Inputs and outputs are {@link TensorValue}s in TensorFlow's layout (NHWC for images), keyed by tensor name.
 *
 * <pre>{@code
 * try (TensorFlowRunner tf = TensorFlowRunner.open(frozen)) {
 *     float[] probs = tf.run(Map.of("input:0", TensorValue.ofFloats(Shape.of(1, 224, 224, 3), pixels)))
 *             .get("Identity:0").toFloats();
 * }
 * }</pre>
 *
 * <p>Thread-safety: {@link #run} may be called from several threads at once (TensorFlow sessions are thread-safe);
 * {@link #close} must not race with runs.
 */
public final class TensorFlowRunner implements AutoCloseable {
    private final FrozenGraph frozen;
    private final Graph graph;
    private final Session session;
    private volatile boolean closed;

    private TensorFlowRunner(FrozenGraph frozen, Graph graph, Session session) {
        this.frozen = frozen;
        this.graph = graph;
        this.session = session;
    }

    /**
     * Imports the graph into TensorFlow and opens a session.
     *
     * @throws ModelImportException if TensorFlow rejects the graph
     */
    public static TensorFlowRunner open(FrozenGraph frozen) throws ModelImportException {
        Graph g = GraphFinisher.importGraph(frozen.graphDef(), null);
        try {
            return new TensorFlowRunner(frozen, g, new Session(g));
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
    }

    /** One-shot: opens, runs {@code inputs} and closes. */
    public static Map<String, TensorValue> run(FrozenGraph frozen, Map<String, TensorValue> inputs)
            throws ModelImportException {
        try (TensorFlowRunner r = open(frozen)) {
            return r.run(inputs);
        }
    }

    /** Runs the graph, fetching its declared outputs, in order. */
    public Map<String, TensorValue> run(Map<String, TensorValue> inputs) {
        List<String> outs = new ArrayList<>();
        for (TensorSpec s : frozen.outputs()) {
            outs.add(s.name());
        }
        return run(inputs, outs);
    }

    /**
     * Runs the graph, feeding {@code inputs} (tensor name to value) and fetching {@code outputs} (any tensors of the
     * graph), returned in the order asked.
     *
     * @throws IllegalArgumentException if a name is not in the graph, or TensorFlow rejects an input's type or shape
     */
    public Map<String, TensorValue> run(Map<String, TensorValue> inputs, List<String> outputs) {
        if (closed) {
            throw new IllegalStateException("TensorFlowRunner has been closed");
        }
        List<Tensor> fed = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (Map.Entry<String, TensorValue> e : inputs.entrySet()) {
                String name = TensorNames.normalize(e.getKey());
                requireNode(name);
                checkAgainstSpec(name, e.getValue());
                Tensor t = toTensor(e.getValue());
                fed.add(t);
                runner.feed(TensorNames.node(name), TensorNames.index(name), t);
            }
            for (String o : outputs) {
                String name = TensorNames.normalize(o);
                requireNode(name);
                runner.fetch(TensorNames.node(name), TensorNames.index(name));
            }
            Map<String, TensorValue> out = new LinkedHashMap<>();
            try (Result r = runner.run()) {
                for (int i = 0; i < outputs.size(); i++) {
                    out.put(outputs.get(i), fromTensor(r.get(i), outputs.get(i)));
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("TensorFlow cannot run the graph: " + e.getMessage(), e);
            }
            return out;
        } finally {
            for (Tensor t : fed) {
                t.close();
            }
        }
    }

    private void checkAgainstSpec(String name, TensorValue v) {
        for (TensorSpec spec : frozen.inputs()) {
            if (!spec.name().equals(name)) {
                continue;
            }
            if (spec.dataType() != v.dataType()) {
                throw new IllegalArgumentException("input '" + name + "' is " + v.dataType() + "; the graph expects "
                        + spec.dataType());
            }
            if (spec.shape() != null && !v.shape().matches(spec.shape())) {
                throw new IllegalArgumentException("input '" + name + "' has shape " + v.shape()
                        + "; the graph expects " + spec.shape() + " (-1: any)");
            }
        }
    }

    private void requireNode(String tensor) {
        if (graph.operation(TensorNames.node(tensor)) == null) {
            throw new IllegalArgumentException("no node '" + TensorNames.node(tensor) + "' in the graph; inputs: "
                    + frozen.inputs().stream().map(TensorSpec::name).toList() + ", outputs: "
                    + frozen.outputs().stream().map(TensorSpec::name).toList());
        }
    }

    static Tensor toTensor(TensorValue v) {
        return Tensor.of(TfTypes.tensorClass(v.dataType()), TfTypes.toTfJava(v.shape()),
                DataBuffers.of(v.bytes(), true, false));
    }

    static TensorValue fromTensor(Tensor t, String name) {
        DataType type = TfTypes.toCore(t.dataType()).orElseThrow(() -> new IllegalArgumentException(
                "output '" + name + "' has type " + t.dataType() + ", which trt4j does not support"));
        byte[] bytes = new byte[(int) t.numBytes()];
        t.asRawTensor().data().read(bytes);
        return TensorValue.ofBytes(type, TfTypes.toCore(t.shape()), bytes);
    }

    /** Closes the session and graph; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        session.close();
        graph.close();
    }

    /** The graph this runner runs. */
    public FrozenGraph graph() {
        return frozen;
    }

}
