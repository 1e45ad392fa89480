package io.trt4j.core.internal;

import io.trt4j.core.cuda.CudaException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.cudart.CUgraphExec_st;
import org.bytedeco.cuda.cudart.CUgraph_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * The CUDA runtime calls trt4j makes, on raw {@code long} handles and addresses, so that no JavaCPP type leaves the
 * internal package. Every method fails with {@link CudaException} (code, operation, CUDA's error text) on a
 * non-success status. Callers must have called {@link Natives#require()} first.
 *
 * <p>Hot-path calls (copies, memset, enqueue helpers) reuse per-thread scratch pointer objects and allocate nothing.
 *
 * <p>Thread-safety: thread-safe (CUDA runtime calls are thread-safe; scratch objects are thread-local).
 */
public final class Cuda {
    /** {@code cudaMemcpyHostToDevice}. */
    public static final int HOST_TO_DEVICE = 1;
    /** {@code cudaMemcpyDeviceToHost}. */
    public static final int DEVICE_TO_HOST = 2;
    /** {@code cudaMemcpyDeviceToDevice}. */
    public static final int DEVICE_TO_DEVICE = 3;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Cuda() {
    }

    /** A pointer whose address can be set. */
    static final class RawPointer extends Pointer {
        RawPointer at(long a) {
            this.address = a;
            this.position = 0;
            this.limit = 0;
            this.capacity = 0;
            return this;
        }
    }

    /** A stream handle whose address can be set. */
    static final class RawStream extends CUstream_st {
        RawStream at(long a) {
            this.address = a;
            return this;
        }
    }

    /** An event handle whose address can be set. */
    static final class RawEvent extends CUevent_st {
        RawEvent at(long a) {
            this.address = a;
            return this;
        }
    }

    private static final class Scratch {
        final RawPointer a = new RawPointer();
        final RawPointer b = new RawPointer();
        final RawStream stream = new RawStream();
        final RawEvent e1 = new RawEvent();
        final RawEvent e2 = new RawEvent();
        final float[] f1 = new float[1];
    }

    /** Throws {@link CudaException} when {@code code != 0}. */
    public static void check(int code, String operation) {
        if (code != 0) {
            throw new CudaException(code, operation, Natives.errorText(code));
        }
    }

    /** A stream object at {@code handle} (0 = the legacy default stream), reusing a per-thread object. */
    public static CUstream_st stream(long handle) {
        return SCRATCH.get().stream.at(handle);
    }

    /** {@code cudaMalloc}: returns the device address. */
    public static long malloc(long bytes) {
        Pointer p = new Pointer();
        check(cudart.cudaMalloc(p, bytes), "cudaMalloc(" + bytes + " bytes)");
        return p.address();
    }

    /** {@code cudaFree}. */
    public static void free(long address) {
        check(cudart.cudaFree(SCRATCH.get().a.at(address)), "cudaFree");
    }

    /** {@code cudaMallocHost}: returns the page-locked host address. */
    public static long mallocHost(long bytes) {
        Pointer p = new Pointer();
        check(cudart.cudaMallocHost(p, bytes), "cudaMallocHost(" + bytes + " bytes)");
        return p.address();
    }

    /** {@code cudaFreeHost}. */
    public static void freeHost(long address) {
        check(cudart.cudaFreeHost(SCRATCH.get().a.at(address)), "cudaFreeHost");
    }

    /** {@code cudaMemcpyAsync(dst, src, bytes, kind, stream)}. */
    public static void memcpyAsync(long dst, long src, long bytes, int kind, long stream) {
        Scratch s = SCRATCH.get();
        check(cudart.cudaMemcpyAsync(s.a.at(dst), s.b.at(src), bytes, kind, s.stream.at(stream)),
                "cudaMemcpyAsync(" + bytes + " bytes, kind " + kind + ")");
    }

    /** Synchronous {@code cudaMemcpy(dst, src, bytes, kind)}. */
    public static void memcpy(long dst, long src, long bytes, int kind) {
        Scratch s = SCRATCH.get();
        check(cudart.cudaMemcpy(s.a.at(dst), s.b.at(src), bytes, kind), "cudaMemcpy(" + bytes + " bytes, kind " + kind + ")");
    }

    /** {@code cudaMemsetAsync(dst, value, bytes, stream)}. */
    public static void memsetAsync(long dst, int value, long bytes, long stream) {
        Scratch s = SCRATCH.get();
        check(cudart.cudaMemsetAsync(s.a.at(dst), value, bytes, s.stream.at(stream)),
                "cudaMemsetAsync(" + bytes + " bytes)");
    }

    /** Creates a non-blocking stream; returns its handle. */
    public static long streamCreate() {
        CUstream_st s = new CUstream_st();
        check(cudart.cudaStreamCreateWithFlags(s, cudart.cudaStreamNonBlocking), "cudaStreamCreateWithFlags");
        return s.address();
    }

    /** {@code cudaStreamSynchronize}. */
    public static void streamSynchronize(long stream) {
        check(cudart.cudaStreamSynchronize(stream(stream)), "cudaStreamSynchronize");
    }

    /** {@code cudaStreamDestroy}. */
    public static void streamDestroy(long stream) {
        check(cudart.cudaStreamDestroy(stream(stream)), "cudaStreamDestroy");
    }

    /** Creates an event (timing enabled); returns its handle. */
    public static long eventCreate() {
        CUevent_st e = new CUevent_st();
        check(cudart.cudaEventCreate(e), "cudaEventCreate");
        return e.address();
    }

    /** {@code cudaEventRecord(event, stream)}. */
    public static void eventRecord(long event, long stream) {
        Scratch s = SCRATCH.get();
        check(cudart.cudaEventRecord(s.e1.at(event), s.stream.at(stream)), "cudaEventRecord");
    }

    /** {@code cudaEventSynchronize}. */
    public static void eventSynchronize(long event) {
        check(cudart.cudaEventSynchronize(SCRATCH.get().e1.at(event)), "cudaEventSynchronize");
    }

    /** {@code cudaEventElapsedTime(start, end)} in milliseconds. */
    public static float eventElapsed(long start, long end) {
        Scratch s = SCRATCH.get();
        check(cudart.cudaEventElapsedTime(s.f1, s.e1.at(start), s.e2.at(end)), "cudaEventElapsedTime");
        return s.f1[0];
    }

    /** {@code cudaEventDestroy}. */
    public static void eventDestroy(long event) {
        check(cudart.cudaEventDestroy(SCRATCH.get().e1.at(event)), "cudaEventDestroy");
    }

    /** Starts capturing {@code stream} into a graph (thread-local capture mode). */
    public static void beginCapture(long stream) {
        check(cudart.cudaStreamBeginCapture(stream(stream), cudart.cudaStreamCaptureModeThreadLocal),
                "cudaStreamBeginCapture");
    }

    /** Ends the capture; returns the graph handle. */
    public static long endCapture(long stream) {
        CUgraph_st g = new CUgraph_st();
        check(cudart.cudaStreamEndCapture(stream(stream), g), "cudaStreamEndCapture");
        return g.address();
    }

    /** Instantiates a graph; returns the executable graph handle. */
    public static long graphInstantiate(long graph) {
        CUgraphExec_st exec = new CUgraphExec_st();
        CUgraph_st g = new CUgraph_st(SCRATCH.get().a.at(graph));
        check(cudart.cudaGraphInstantiate(exec, g, 0L), "cudaGraphInstantiate");
        return exec.address();
    }

    /** Launches an executable graph on a stream. */
    public static void graphLaunch(long exec, long stream) {
        Scratch s = SCRATCH.get();
        check(cudart.cudaGraphLaunch(new CUgraphExec_st(s.a.at(exec)), s.stream.at(stream)), "cudaGraphLaunch");
    }

    /** Destroys a graph and/or an executable graph (0 handles are skipped). */
    public static void graphDestroy(long graph, long exec) {
        Scratch s = SCRATCH.get();
        if (exec != 0) {
            check(cudart.cudaGraphExecDestroy(new CUgraphExec_st(s.a.at(exec))), "cudaGraphExecDestroy");
        }
        if (graph != 0) {
            check(cudart.cudaGraphDestroy(new CUgraph_st(s.a.at(graph))), "cudaGraphDestroy");
        }
    }

    /** {@code cudaMemGetInfo} on the current device: {@code {free, total}} bytes. */
    public static long[] memInfo() {
        try (SizeTPointer free = new SizeTPointer(1); SizeTPointer total = new SizeTPointer(1)) {
            check(cudart.cudaMemGetInfo(free, total), "cudaMemGetInfo");
            return new long[] {free.get(), total.get()};
        }
    }

    /** {@code cudaGetDeviceCount}. */
    public static int deviceCount() {
        int[] n = new int[1];
        check(cudart.cudaGetDeviceCount(n), "cudaGetDeviceCount");
        return n[0];
    }

    /** {@code cudaGetDevice}. */
    public static int currentDevice() {
        int[] n = new int[1];
        check(cudart.cudaGetDevice(n), "cudaGetDevice");
        return n[0];
    }

    /** {@code cudaSetDevice}. */
    public static void setDevice(int device) {
        check(cudart.cudaSetDevice(device), "cudaSetDevice(" + device + ")");
    }

    /** {@code cudaDeviceSynchronize} on the current device. */
    public static void deviceSynchronize() {
        check(cudart.cudaDeviceSynchronize(), "cudaDeviceSynchronize");
    }

    /** {@code {major, minor}} compute capability of a device. */
    public static int[] computeCapability(int device) {
        int[] major = new int[1];
        int[] minor = new int[1];
        check(cudart.cudaDeviceGetAttribute(major, cudart.cudaDevAttrComputeCapabilityMajor, device),
                "cudaDeviceGetAttribute(major)");
        check(cudart.cudaDeviceGetAttribute(minor, cudart.cudaDevAttrComputeCapabilityMinor, device),
                "cudaDeviceGetAttribute(minor)");
        return new int[] {major[0], minor[0]};
    }

    /** Device name and total memory: {@code name}, and {@code totalGlobalMem} through {@code total[0]}. */
    public static String deviceName(int device, long[] total) {
        try (cudaDeviceProp prop = new cudaDeviceProp()) {
            check(cudart.cudaGetDeviceProperties(prop, device), "cudaGetDeviceProperties(" + device + ")");
            total[0] = prop.totalGlobalMem();
            BytePointer name = prop.name();
            return name == null ? "device " + device : name.getString();
        }
    }

    /** A native-order ByteBuffer over {@code bytes} bytes at host address {@code address}. */
    public static ByteBuffer byteBuffer(long address, long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a ByteBuffer view holds at most 2^31-1 bytes, not " + bytes);
        }
        BytePointer p = new BytePointer(new RawPointer().at(address));
        p.capacity(bytes);
        p.limit(bytes);
        return p.asByteBuffer().order(ByteOrder.nativeOrder());
    }

    /** The address of element 0 of a direct buffer (ignoring its position). */
    public static long addressOf(Buffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("a direct buffer is needed, got a heap buffer");
        }
        Buffer base = direct.duplicate().clear();
        return new Pointer(base).address();
    }
}
