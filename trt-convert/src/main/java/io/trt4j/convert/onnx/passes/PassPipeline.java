package io.trt4j.convert.onnx.passes;

import io.trt4j.convert.onnx.ir.OnnxGraph;
import java.util.List;

/**
 * Runs passes repeatedly until none changes the graph (or a round limit is hit).
 *
 * <p>Thread-safety: immutable.
 */
public final class PassPipeline {
    private static final int MAX_ROUNDS = 20;
    private final List<Pass> passes;

    public PassPipeline(List<Pass> passes) {
        this.passes = List.copyOf(passes);
    }

    /**
     * The converter's pipeline: constant folding, identity removal, the layout (transpose) pass, batch-norm folding,
     * dead-node removal.
     */
    public static PassPipeline standard() {
        return new PassPipeline(List.of(new ConstantFolding(), new IdentityRemoval(), new TransposeOptimizer(),
                new BatchNormFolding(), new DeadNodeRemoval()));
    }

    /** Runs to a fixed point. */
    public void run(OnnxGraph graph) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean changed = false;
            for (Pass p : passes) {
                graph.sortTopologically();
                changed |= p.run(graph);
            }
            if (!changed) {
                return;
            }
        }
    }
}
