package io.trt4j.cli;

import io.trt4j.core.Engine;
import io.trt4j.core.InferenceSession;
import io.trt4j.core.Shape;
import io.trt4j.core.Tensor;
import io.trt4j.core.TensorInfo;
import io.trt4j.image.Preprocessor;
import io.trt4j.image.post.Labels;
import io.trt4j.image.post.Prediction;
import io.trt4j.image.post.Softmax;
import io.trt4j.image.post.TopK;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trt4j run}: classify images with an engine: decode and preprocess straight into the session's pinned input
 * buffer, run, print the top classes of every output.
 *
 * <p>Thread-safety: a command; not for concurrent use.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run an engine on images and print the top classes.")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--engine", required = true, paramLabel = "FILE", description = "Engine plan.")
    Path engineFile;
    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "JPEG, PNG, BMP or GIF files (one batch).")
    List<Path> images;
    @Option(names = "--normalize", defaultValue = "inception",
            description = "inception ([-1,1]), imagenet (mean/std), zero-one ([0,1]), caffe (BGR mean), none (default: ${DEFAULT-VALUE}).")
    String normalize;
    @Option(names = "--labels", paramLabel = "FILE", description = "Class names, one per line.")
    Path labelsFile;
    @Option(names = "--fast-decode", description = "Decode JPEGs at the smallest scale M/8 that covers the input size"
            + " (libjpeg-turbo's DCT-domain scaling: faster, not bit-identical to a full decode).")
    boolean fastDecode;
    @Option(names = "--top", defaultValue = "5", description = "Classes to print per image (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws Exception {
        Labels labels = labelsFile == null ? null : Labels.read(labelsFile);
        try (Engine engine = Engine.load(engineFile);
             InferenceSession session = InferenceSession.builder(engine).maxBatch(images.size()).build()) {
            List<TensorInfo> inputs = engine.inputs();
            if (inputs.size() != 1) {
                throw new IllegalArgumentException("the engine has " + inputs.size() + " inputs " + inputs
                        + ": trt4j run feeds exactly one image input");
            }
            TensorInfo input = inputs.get(0);
            Preprocessor pre = ImageInputs.forInput(input, session.maxShape(input.name()), normalize,
                    fastDecode);
            ByteBuffer buffer = session.inputBuffer(input.name()).duplicate().order(java.nio.ByteOrder.nativeOrder());
            buffer.clear();
            for (int i = 0; i < images.size(); i++) {
                pre.write(images.get(i), buffer, i);
            }
            Shape shape = Shape.of(pre.shape(images.size()));
            long t0 = System.nanoTime();
            session.runInPlace(Map.of(input.name(), shape));
            long t1 = System.nanoTime();
            System.out.printf("%s: batch %d through %s in %.3f ms%n", engineFile, images.size(), input, (t1 - t0) / 1e6);
            for (TensorInfo out : engine.outputs()) {
                Tensor result = session.output(out.name());
                float[] values = result.toFloatArray();
                int perImage = values.length / images.size();
                System.out.println("output " + out.name() + " " + result.shape());
                for (int i = 0; i < images.size(); i++) {
                    float[] row = java.util.Arrays.copyOfRange(values, i * perImage, (i + 1) * perImage);
                    if (!isDistribution(row)) {
                        row = Softmax.of(row);
                    }
                    StringBuilder line = new StringBuilder("  " + images.get(i).getFileName() + ":");
                    for (Prediction p : TopK.of(row, Math.min(top, row.length), labels)) {
                        line.append(String.format(" %s %.4f;", p.label(), p.score()));
                    }
                    System.out.println(line);
                }
            }
        }
        return 0;
    }

    private static boolean isDistribution(float[] row) {
        double sum = 0;
        for (float v : row) {
            if (v < 0) {
                return false;
            }
            sum += v;
        }
        return Math.abs(sum - 1) < 1e-3;
    }
}
