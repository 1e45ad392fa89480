package io.trt4j.cli;

import io.trt4j.convert.engine.EngineBuilder;
import io.trt4j.convert.engine.Plan;
import io.trt4j.convert.engine.Precision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trt4j build}: an ONNX model to a serialized TensorRT plan.
 *
 * <p>Thread-safety: a command; not for concurrent use.
 */
@Command(name = "build", mixinStandardHelpOptions = true, description = "Build a TensorRT engine plan from ONNX.")
final class BuildCommand implements Callable<Integer> {
    @Option(names = "--onnx", required = true, paramLabel = "FILE", description = "ONNX model.")
    Path onnx;
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Plan file to write.")
    Path output;
    @Option(names = "--precision", defaultValue = "TF32",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Precision precision;
    @Option(names = "--profile", paramLabel = "NAME:MIN:OPT:MAX",
            description = "Shape range of a dynamic input, e.g. input:0:1x299x299x3:8x299x299x3:32x299x299x3.")
    List<String> profiles = new ArrayList<>();
    @Option(names = "--workspace-mib", paramLabel = "MIB", description = "Workspace memory pool limit.")
    Long workspaceMib;
    @Option(names = "--timing-cache", paramLabel = "FILE", description = "Timing cache to read and update.")
    Path timingCache;
    @Option(names = "--engine-cache", paramLabel = "DIR", description = "Reuse a plan built before for the same model, settings, TensorRT and GPU.")
    Path engineCache;

    @Override
    public Integer call() throws Exception {
        EngineBuilder builder = engineBuilder();
        Plan plan = builder.build();
        plan.writeTo(output);
        System.out.println(plan);
        System.out.printf("wrote %s (%,d bytes)%n", output, plan.size());
        return 0;
    }

    /** The engine builder these options describe (EngineBuilder is immutable: every setting returns a new one). */
    EngineBuilder engineBuilder() throws java.io.IOException {
        EngineBuilder builder = EngineBuilder.fromOnnx(onnx).precision(precision);
        for (String p : profiles) {
            ProfileArg range = ProfileArg.parse(p);
            builder = builder.profile(range.name(), range.min(), range.opt(), range.max());
        }
        if (workspaceMib != null) {
            builder = builder.workspace(workspaceMib << 20);
        }
        if (timingCache != null) {
            builder = builder.timingCache(timingCache);
        }
        if (engineCache != null) {
            builder = builder.engineCache(engineCache);
        }
        return builder;
    }
}
