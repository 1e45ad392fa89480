package io.trt4j.convert.onnx;

import io.trt4j.convert.tf.FrozenGraph;
import io.trt4j.convert.tf.TensorSpec;
import io.trt4j.core.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Test helper: builds a small TensorFlow graph with raw ops (so that op types and attributes are exactly the ones
 * under test), with seeded random float inputs and weights, and wraps it as a {@link FrozenGraph}.
 *
 * <p>Thread-safety: not thread-safe.
 */
final class TfGraph implements AutoCloseable {
    final Graph graph = new Graph();
    final Ops tf = Ops.create(graph);
    final Random random;
    final Map<String, float[]> feeds = new LinkedHashMap<>();
    final Map<String, long[]> feedShapes = new LinkedHashMap<>();
    final List<TensorSpec> inputs = new ArrayList<>();
    final List<TensorSpec> outputs = new ArrayList<>();

    TfGraph(long seed) {
        random = new Random(seed);
    }

    /** A float placeholder of the given declared shape (-1 dynamic), fed at run time with {@code runShape}. */
    Output<TFloat32> input(String name, long[] declared, long[] runShape) {
        Output<TFloat32> p = tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(declared)))
                .output();
        float[] v = randoms((int) count(runShape), 1f);
        feeds.put(name + ":0", v);
        feedShapes.put(name + ":0", runShape);
        inputs.add(new TensorSpec(name + ":0", DataType.FLOAT, io.trt4j.core.Shape.of(declared)));
        return p;
    }

    /** A float placeholder of a static shape. */
    Output<TFloat32> input(String name, long... shape) {
        return input(name, shape, shape);
    }

    Output<TFloat32> weights(String name, float scale, long... shape) {
        return tf.withName(name).constant(Shape.of(shape), DataBuffers.of(randoms((int) count(shape), scale)))
                .asOutput();
    }

    Output<TFloat32> positive(String name, long... shape) {
        float[] v = randoms((int) count(shape), 1f);
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.5f + Math.abs(v[i]);
        }
        return tf.withName(name).constant(Shape.of(shape), DataBuffers.of(v)).asOutput();
    }

    Output<?> ints(String name, int... v) {
        return tf.withName(name).constant(v).asOutput();
    }

    Output<?> scalar(String name, int v) {
        return tf.withName(name).constant(v).asOutput();
    }

    /** A raw op: type, name, inputs, attributes. */
    Output<?> op(String type, String name, List<Output<?>> in, Consumer<GraphOperationBuilder> attrs) {
        GraphOperationBuilder b = graph.opBuilder(type, name, tf.scope());
        for (Output<?> o : in) {
            b.addInput(o);
        }
        attrs.accept(b);
        return b.build().output(0);
    }

    /** A raw op whose inputs after the first {@code fixed} form one list input, plus {@code emptyLists} empty lists. */
    Output<?> fusedOp(String type, String name, List<Output<?>> in, int fixed, int emptyLists,
            Consumer<GraphOperationBuilder> attrs) {
        GraphOperationBuilder b = graph.opBuilder(type, name, tf.scope());
        for (int i = 0; i < fixed; i++) {
            b.addInput(in.get(i));
        }
        b.addInputList(in.subList(fixed, in.size()).toArray(new Output<?>[0]));
        for (int i = 0; i < emptyLists; i++) {
            b.addInputList(new Output<?>[0]);
        }
        attrs.accept(b);
        return b.build().output(0);
    }

    Output<?> op(String type, String name, Output<?>... in) {
        return op(type, name, List.of(in), b -> { });
    }

    void output(String tensorName) {
        outputs.add(new TensorSpec(tensorName, DataType.FLOAT, null));
    }

    void output(String tensorName, DataType type) {
        outputs.add(new TensorSpec(tensorName, type, null));
    }

    FrozenGraph frozen() {
        return new FrozenGraph(graph.toGraphDef(), inputs, outputs);
    }

    float[] randoms(int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian() * scale;
        }
        return v;
    }

    static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public void close() {
        graph.close();
    }
}
