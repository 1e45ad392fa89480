package io.trt4j.bench.convert;

import io.trt4j.convert.onnx.OnnxModel;
import io.trt4j.convert.onnx.TfToOnnxConverter;
import io.trt4j.convert.tf.FrozenGraph;
import io.trt4j.convert.zoo.ModelZoo;
import io.trt4j.convert.zoo.ZooModel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time and heap of a TF→ONNX conversion of a zoo graph (Inception v3 by default: 23.8M float weights, 95 MB). Goal:
 * ≤ 3 s and a peak heap growth ≤ 2× the weights' bytes. The heap counter is the sum over heap pools of the peak usage
 * during the conversion minus the usage before it (after a full GC), run with the serial collector and a 16 MiB young
 * generation so that garbage not yet collected adds at most 16 MiB to the peak, and so that peaks are
 * not inflated by concurrent collection. JMH adds EVENTS counters up over the measurement iterations: the figure per
 * conversion is the reported sum divided by the iteration count (5). Runs on the CPU.
 *
 * <p>Thread-safety: JMH state, one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx4g", "-Xmn16m"})
public class ConvertBenchmark {
    /** The zoo model converted. */
    @Param({"INCEPTION_V3"})
    public ZooModel model;

    private FrozenGraph graph;
    private long weightBytes;

    /** Heap counters reported beside the time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Heap {
        /** Peak heap growth during the conversion, MiB. */
        public double peakHeapMiB;
        /** That growth over the bytes of the graph's weights. */
        public double peakOverWeights;
    }

    @Setup(Level.Trial)
    public void setUp() {
        graph = ModelZoo.build(model, 42);
        weightBytes = graph.graphDef().getNodeList().stream().filter(n -> n.getOp().equals("Const"))
                .mapToLong(n -> n.getAttrOrThrow("value").getTensor().getTensorContent().size()).sum();
    }

    @Setup(Level.Invocation)
    public void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** One conversion of the whole graph, with the default passes. */
    @Benchmark
    public OnnxModel convert(Heap heap) {
        long before = heapUsed(false);
        OnnxModel onnx = new TfToOnnxConverter().convert(graph);
        long peak = heapUsed(true);
        heap.peakHeapMiB = (peak - before) / (1024.0 * 1024.0);
        heap.peakOverWeights = (peak - before) / (double) weightBytes;
        return onnx;
    }

    private static long heapUsed(boolean peak) {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += peak ? pool.getPeakUsage().getUsed() : pool.getUsage().getUsed();
            }
        }
        return sum;
    }
}
