package io.trt4j.convert.tf;

import io.trt4j.core.DataType;
import io.trt4j.core.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The options every importer shares: which tensors are the inputs and outputs, and overrides of input types and
 * shapes.
 *
 * <p>Thread-safety: not thread-safe; configure and use a builder on one thread.
 *
 * @param <B> the concrete builder type
 */
public abstract class ImportBuilder<B extends ImportBuilder<B>> {
    List<String> inputs;
    List<String> outputs;
    final Map<String, GraphFinisher.InputOverride> overrides = new LinkedHashMap<>();

    ImportBuilder() {
    }

    /**
     * Imports (and, where the source holds variables, freezes) the model with this builder's settings.
     *
     * @throws ModelImportException if a file is missing, truncated or corrupt, or TensorFlow rejects the graph
     * @throws IllegalArgumentException for unknown input or output names
     */
    public abstract FrozenGraph load() throws ModelImportException;

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * The input tensors ({@code "node:0"}; a bare node name means output 0), in order. Default: the placeholders the
     * outputs depend on. A non-placeholder tensor named here becomes a placeholder (the graph is cut there).
     */
    public B inputs(String... names) {
        this.inputs = new ArrayList<>(List.of(names));
        return self();
    }

    /** The output tensors, in order. Default: the nodes no other node consumes (no constants, no-ops or savers). */
    public B outputs(String... names) {
        this.outputs = new ArrayList<>(List.of(names));
        return self();
    }

    /**
     * Overrides an input's element type and/or shape ({@code null} keeps the graph's); the placeholder's {@code dtype}
     * and {@code shape} attributes are rewritten.
     */
    public B input(String name, DataType dataType, Shape shape) {
        overrides.put(TensorNames.normalize(Objects.requireNonNull(name, "name")),
                new GraphFinisher.InputOverride(dataType, shape));
        return self();
    }

    /** Overrides an input's shape ({@code -1} for dynamic dimensions), keeping its type. */
    public B inputShape(String name, Shape shape) {
        return input(name, null, Objects.requireNonNull(shape, "shape"));
    }
}
