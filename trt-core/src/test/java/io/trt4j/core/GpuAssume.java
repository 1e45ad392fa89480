package io.trt4j.core;

import org.junit.jupiter.api.Assumptions;

/** Skips GPU tests where TensorRT is unusable, printing {@link TensorRt#diagnosis()} as the reason. */
public final class GpuAssume {
    private GpuAssume() {
    }

    /** Aborts the calling test (class, in {@code @BeforeAll}) unless a GPU and TensorRT are usable. */
    public static void gpu() {
        if (!TensorRt.isAvailable() && !printed) {
            printed = true;
            System.out.println("GPU tests skipped: " + TensorRt.diagnosis());
        }
        Assumptions.assumeTrue(TensorRt.isAvailable(), () -> "no usable GPU: " + TensorRt.diagnosis());
    }

    private static volatile boolean printed;
}
