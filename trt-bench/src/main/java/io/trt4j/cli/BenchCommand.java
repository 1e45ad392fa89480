package io.trt4j.cli;

import io.trt4j.core.Engine;
import io.trt4j.core.InferenceSession;
import io.trt4j.core.Shape;
import io.trt4j.core.SessionPool;
import io.trt4j.core.Tensor;
import io.trt4j.core.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trt4j bench}: latency and throughput of an engine through {@link InferenceSession} (host tensors in and
 * out, every copy included), optionally from several threads on a {@link SessionPool}; or, with {@code --jmh}, the
 * JMH benchmarks of trt-bench.
 *
 * <p>Thread-safety: a command; not for concurrent use.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time an engine end to end, or run the JMH benchmarks (--jmh REGEX [JMH options]).")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--engine", paramLabel = "FILE", description = "Engine plan.")
    Path engineFile;
    @Option(names = "--batch", defaultValue = "1", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--iterations", defaultValue = "1000", description = "Timed runs per thread (default: ${DEFAULT-VALUE}).")
    int iterations;
    @Option(names = "--warmup", defaultValue = "100", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--threads", defaultValue = "1", description = "Threads on a session pool of that size (default: ${DEFAULT-VALUE}).")
    int threads;
    @Option(names = "--cuda-graph", description = "Capture and replay CUDA graphs (fixed shapes).")
    boolean cudaGraph;
    @Option(names = "--jmh", paramLabel = "REGEX", description = "Run the JMH benchmarks matching REGEX instead.")
    String jmh;
    /** Everything this command does not know is passed to JMH with --jmh (e.g. -f 1 -wi 3 -i 5). */
    @picocli.CommandLine.Unmatched
    List<String> jmhOptions = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (jmh == null && !jmhOptions.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + jmhOptions + " (JMH options go with --jmh REGEX)");
        }
        if (jmh != null) {
            List<String> args = new ArrayList<>(jmhOptions);
            args.add(jmh);
            org.openjdk.jmh.Main.main(args.toArray(String[]::new));
            return 0;
        }
        if (engineFile == null) {
            throw new IllegalArgumentException("give --engine FILE, or --jmh REGEX");
        }
        try (Engine engine = Engine.load(engineFile);
             SessionPool pool = SessionPool.builder(engine).size(threads).maxBatch(batch).useCudaGraph(cudaGraph).build()) {
            Map<String, Tensor> inputs = randomInputs(engine, batch);
            ExecutorService workers = Executors.newFixedThreadPool(threads);
            try {
                List<Future<long[]>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(workers.submit(() -> {
                        for (int i = 0; i < warmup; i++) {
                            pool.run(inputs);
                        }
                        long[] nanos = new long[iterations];
                        for (int i = 0; i < iterations; i++) {
                            long t0 = System.nanoTime();
                            pool.run(inputs);
                            nanos[i] = System.nanoTime() - t0;
                        }
                        return nanos;
                    }));
                }
                long start = System.nanoTime();
                long[] all = new long[threads * iterations];
                for (int t = 0; t < threads; t++) {
                    System.arraycopy(results.get(t).get(), 0, all, t * iterations, iterations);
                }
                double wall = (System.nanoTime() - start) / 1e9;
                Arrays.sort(all);
                System.out.printf("%s batch %d, %d thread(s)%s: median %.3f ms, p90 %.3f ms, p99 %.3f ms, "
                                + "%.1f inferences/s, %.1f items/s (wall %.2f s incl. warm-up)%n",
                        engineFile, batch, threads, cudaGraph ? ", CUDA graphs" : "", pct(all, 0.5), pct(all, 0.9),
                        pct(all, 0.99), all.length / wall, all.length * (double) batch / wall, wall);
            } finally {
                workers.shutdownNow();
            }
        }
        return 0;
    }

    private static double pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }

    /** Uniform [0,1) inputs of every engine input at batch {@code batch}, other dynamic dims at their profile max. */
    static Map<String, Tensor> randomInputs(Engine engine, int batch) {
        SplittableRandom rnd = new SplittableRandom(7);
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (TensorInfo in : engine.inputs()) {
            long[] dims = in.shape().toArray();
            Shape max = engine.profileShapes(in.name(), 0).max();
            for (int d = 0; d < dims.length; d++) {
                if (dims[d] < 0) {
                    dims[d] = d == 0 ? batch : max.dim(d);
                }
            }
            Shape shape = Shape.of(dims);
            Tensor t = Tensor.allocate(in.dataType(), shape);
            for (long i = 0; i < shape.elementCount(); i++) {
                t.setFloat(i, (float) rnd.nextDouble());
            }
            inputs.put(in.name(), t);
        }
        return inputs;
    }
}
