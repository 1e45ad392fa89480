package io.trt4j.cli;

import io.trt4j.convert.onnx.proto.Onnx;
import io.trt4j.core.Engine;
import io.trt4j.core.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code trt4j inspect}: what a model file holds: an engine plan (IO tensors, profiles, layers, memory), an ONNX
 * model (inputs, outputs, op counts) or a TensorFlow GraphDef (placeholders, op counts).
 *
 * <p>Thread-safety: a command; not for concurrent use.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Describe an engine plan (.plan/.engine), ONNX model (.onnx) or TensorFlow graph (.pb/.pbtxt).")
final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".onnx")) {
            inspectOnnx();
        } else if (name.endsWith(".pb") || name.endsWith(".pbtxt")) {
            inspectGraph();
        } else {
            inspectEngine();
        }
        return 0;
    }

    private void inspectEngine() throws Exception {
        try (Engine engine = Engine.load(file)) {
            System.out.printf("engine %s: %d layers, %d profiles, %,d bytes of device memory per context%n", file,
                    engine.layerCount(), engine.profileCount(), engine.deviceMemorySize());
            for (TensorInfo t : engine.tensors()) {
                System.out.println("  " + t + " " + t.format());
                if (t.isInput()) {
                    for (int p = 0; p < engine.profileCount(); p++) {
                        System.out.println("    profile " + p + ": " + engine.profileShapes(t.name(), p));
                    }
                }
            }
        }
    }

    private void inspectOnnx() throws Exception {
        Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Files.readAllBytes(file));
        Onnx.GraphProto g = model.getGraph();
        System.out.printf("ONNX %s: IR %d, opsets %s, producer %s, %d nodes, %d initializers%n", file,
                model.getIrVersion(), model.getOpsetImportList().stream().map(o -> o.getDomain() + ":" + o.getVersion()).toList(),
                model.getProducerName(), g.getNodeCount(), g.getInitializerCount());
        g.getInputList().forEach(v -> System.out.println("  input  " + v.getName() + " " + Describe.type(v.getType())));
        g.getOutputList().forEach(v -> System.out.println("  output " + v.getName() + " " + Describe.type(v.getType())));
        Map<String, Integer> ops = new TreeMap<>();
        g.getNodeList().forEach(n -> ops.merge(n.getOpType(), 1, Integer::sum));
        System.out.println("  ops " + ops);
    }

    private void inspectGraph() throws Exception {
        GraphDef g = io.trt4j.convert.tf.TensorFlowImporter.fromGraphDef(file).load().graphDef();
        Map<String, Integer> ops = new TreeMap<>();
        for (NodeDef n : g.getNodeList()) {
            ops.merge(n.getOp(), 1, Integer::sum);
        }
        System.out.printf("GraphDef %s: %d nodes%n  ops %s%n", file, g.getNodeCount(), ops);
    }
}
