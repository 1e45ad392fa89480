package io.trt4j.convert.onnx;

import java.util.Set;

/**
 * How {@link TfToOnnxConverter} converts. Immutable; build with {@link #builder()}.
 *
 * <p>By default the ONNX model keeps the TensorFlow signature: inputs and outputs are named like the TensorFlow
 * tensors ({@code input:0}), with TensorFlow's shapes (NHWC for images) and element types, so the ONNX model is a
 * drop-in replacement. Internally the CNN body still runs channels-first (NCHW), which TensorRT prefers.
 *
 * <p>Thread-safety: immutable.
 *
 * @param allInputsNchw expose every rank-4 input channels-first (N, C, H, W) instead of NHWC
 * @param nchwInputs names of the inputs ({@code "input:0"} or {@code "input"}) to expose channels-first
 * @param optimize run the optimisation passes (constant folding, BN folding, layout, cleanup); off only to debug
 * @param producerName written to the model's {@code producer_name}
 */
public record ConverterOptions(boolean allInputsNchw, Set<String> nchwInputs, boolean optimize, String producerName) {
    /** The ONNX operator set the converter writes. */
    public static final int OPSET = 17;

    public ConverterOptions {
        nchwInputs = Set.copyOf(nchwInputs);
        if (producerName == null || producerName.isEmpty()) {
            throw new IllegalArgumentException("producerName must not be empty");
        }
    }

    /** The default options: TensorFlow signature kept, all passes on. */
    public static ConverterOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether the input named {@code tensorName} ({@code node:i}) is exposed channels-first. */
    public boolean isNchwInput(String tensorName) {
        if (allInputsNchw || nchwInputs.contains(tensorName)) {
            return true;
        }
        int colon = tensorName.lastIndexOf(':');
        return colon > 0 && tensorName.endsWith(":0") && nchwInputs.contains(tensorName.substring(0, colon));
    }

    /**
     * Builds {@link ConverterOptions}.
     *
     * <p>Thread-safety: not thread-safe.
     */
    public static final class Builder {
        private boolean allInputsNchw;
        private Set<String> nchwInputs = Set.of();
        private boolean optimize = true;
        private String producerName = "trt4j";

        private Builder() {
        }

        /** Exposes every rank-4 input as NCHW ({@code true}) or keeps TensorFlow's NHWC ({@code false}, default). */
        public Builder inputsAsNchw(boolean all) {
            this.allInputsNchw = all;
            return this;
        }

        /** Exposes the named inputs as NCHW. */
        public Builder inputsAsNchw(Set<String> names) {
            this.nchwInputs = Set.copyOf(names);
            return this;
        }

        /** Runs the optimisation passes (default {@code true}). */
        public Builder optimize(boolean optimize) {
            this.optimize = optimize;
            return this;
        }

        public Builder producerName(String producerName) {
            this.producerName = producerName;
            return this;
        }

        public ConverterOptions build() {
            return new ConverterOptions(allInputsNchw, nchwInputs, optimize, producerName);
        }
    }
}
