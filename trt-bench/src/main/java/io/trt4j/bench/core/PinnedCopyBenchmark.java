package io.trt4j.bench.core;

import io.trt4j.core.TensorRt;
import io.trt4j.core.cuda.CudaStream;
import io.trt4j.core.cuda.DeviceBuffer;
import io.trt4j.core.cuda.PinnedBuffer;
import java.util.concurrent.TimeUnit;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Pointer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pinned host-to-device bandwidth: trt4j's {@link DeviceBuffer#copyFromAsync(PinnedBuffer, long, long, long,
 * CudaStream)} plus a stream synchronize, against a raw JavaCPP {@code cudaMemcpyAsync} + {@code
 * cudaStreamSynchronize} of the same bytes between the same two allocations. Bandwidth = bytes × ops/s; the goal is
 * trt4j ≥ 95% of raw. Needs a GPU (fails in setup with the diagnosis otherwise).
 *
 * <p>Thread-safety: JMH state, one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PinnedCopyBenchmark {
    /** Bytes per copy. */
    @Param({"65536", "4194304", "67108864"})
    public long bytes;

    private PinnedBuffer host;
    private DeviceBuffer device;
    private CudaStream stream;
    private Pointer rawHost;
    private Pointer rawDevice;
    private CUstream_st rawStream;

    @Setup(Level.Trial)
    public void setUp() {
        TensorRt.requireAvailable();
        host = PinnedBuffer.allocate(bytes);
        device = DeviceBuffer.allocate(bytes);
        stream = CudaStream.create();
        for (int i = 0; i < bytes; i += 4096) {
            host.asByteBuffer().put(i, (byte) i);
        }
        rawHost = new Pointer() { { address = host.address(); } };
        rawDevice = new Pointer() { { address = device.address(); } };
        rawStream = new CUstream_st() { { address = stream.handle(); } };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        stream.close();
        device.close();
        host.close();
    }

    /** trt4j: one H2D copy through the public API, then a stream synchronize. */
    @Benchmark
    public void trt4jCopy() {
        device.copyFromAsync(host, 0, 0, bytes, stream);
        stream.synchronize();
    }

    /** Baseline: the same copy with raw JavaCPP calls. */
    @Benchmark
    public void rawCudaMemcpyAsync() {
        int rc = cudart.cudaMemcpyAsync(rawDevice, rawHost, bytes, cudart.cudaMemcpyHostToDevice, rawStream);
        if (rc != 0) {
            throw new IllegalStateException("cudaMemcpyAsync: " + rc);
        }
        rc = cudart.cudaStreamSynchronize(rawStream);
        if (rc != 0) {
            throw new IllegalStateException("cudaStreamSynchronize: " + rc);
        }
    }
}
