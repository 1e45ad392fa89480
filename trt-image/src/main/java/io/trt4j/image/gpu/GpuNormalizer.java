package io.trt4j.image.gpu;

import io.trt4j.core.DataType;
import io.trt4j.core.GpuUnavailableException;
import io.trt4j.core.HalfFloat;
import io.trt4j.core.cuda.CudaException;
import io.trt4j.core.cuda.CudaStream;
import io.trt4j.core.cuda.DeviceBuffer;
import io.trt4j.core.cuda.PinnedBuffer;
import io.trt4j.image.ColorOrder;
import io.trt4j.image.Normalization;
import io.trt4j.image.TensorLayout;
import io.trt4j.image.gpu.internal.Cuda;
import io.trt4j.image.gpu.internal.KernelLibrary;
import io.trt4j.image.gpu.internal.NormalizeKernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * Second half of GPU preprocessing. Input: a batch of UINT8 NHWC RGB images (0..255, {@code height x width x 3}
 * each, as a {@link io.trt4j.image.Preprocessor} with {@code dataType(UINT8)}, {@code layout(NHWC)},
 * {@code colorOrder(RGB)} and {@link Normalization#NONE} writes them) in pinned host memory. {@link #enqueue} copies
 * it to a device staging buffer and runs one NVRTC-compiled kernel that applies {@link #colorOrder()},
 * {@link #normalization()}, the element type ({@link #dataType()}: FLOAT or HALF) and the layout ({@link #layout()}:
 * NCHW or NHWC), writing into a device buffer such as an engine input binding. A quarter of the bytes of FLOAT input
 * (half of HALF input) cross PCIe. Output values are bit-identical to the CPU {@link io.trt4j.image.Preprocessor}
 * with the same settings: both map the 8-bit values through the same lookup tables.
 *
 * <p>CUDA: the kernel is loaded through the CUDA runtime's library API, so it runs in the primary context of the
 * device, like trt-core's streams and buffers. {@link #enqueue} may be called from any thread; it makes the creating
 * device current on that thread first (a no-op in the usual one-device case).
 *
 * <p>Thread-safety: not thread-safe. The staging buffer is reused by each call, so use one instance per CUDA stream
 * (calls on one stream are ordered). {@link #close()} is idempotent; later use throws
 * {@link IllegalStateException}. Close only when no enqueued work is pending (synchronize the stream first).
 */
public final class GpuNormalizer implements AutoCloseable {
    private final int width;
    private final int height;
    private final int maxBatch;
    private final ColorOrder colorOrder;
    private final Normalization normalization;
    private final TensorLayout layout;
    private final DataType dataType;
    private final int channels;
    private final int[] channelSource;

    private int device;
    private KernelLibrary kernel;
    private DeviceBuffer staging;
    private DeviceBuffer floatLut;
    private DeviceBuffer halfLut;
    private boolean closed;

    private GpuNormalizer(int width, int height, int maxBatch, ColorOrder colorOrder, Normalization normalization,
                          TensorLayout layout, DataType dataType) {
        this.width = width;
        this.height = height;
        this.maxBatch = maxBatch;
        this.colorOrder = colorOrder;
        this.normalization = normalization;
        this.layout = layout;
        this.dataType = dataType;
        this.channels = colorOrder.channels();
        this.channelSource = colorOrder == ColorOrder.BGR ? new int[] {2, 1, 0} : new int[] {0, 1, 2};
    }

    /** Whether CUDA (as trt-core loads it), a device and the NVRTC library are usable here; never throws. */
    public static boolean isAvailable() {
        return Cuda.unavailableReason() == null;
    }

    /** Why the GPU path is unusable, or "GPU preprocessing available". */
    public static String diagnosis() {
        String reason = Cuda.unavailableReason();
        return reason == null ? "GPU preprocessing available" : reason;
    }

    /**
     * Compiles the kernel for the current device and allocates the staging buffer and lookup tables.
     *
     * @param width         image width in pixels
     * @param height        image height in pixels
     * @param maxBatch      largest batch {@link #enqueue} will take
     * @param colorOrder    RGB, BGR or GRAY output channels
     * @param normalization value mapping (as in the CPU path)
     * @param layout        NCHW or NHWC (CHW/HWC mean the same for one image)
     * @param dataType      FLOAT or HALF
     * @throws IllegalArgumentException for other types, bad sizes, or statistics that do not fit the channels
     * @throws GpuUnavailableException  with the diagnosis where CUDA or NVRTC is unusable
     * @throws CudaException            if compilation, loading or allocation fails
     */
    public static GpuNormalizer create(int width, int height, int maxBatch, ColorOrder colorOrder,
                                       Normalization normalization, TensorLayout layout, DataType dataType) {
        Objects.requireNonNull(colorOrder, "colorOrder");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(layout, "layout");
        if (width <= 0 || height <= 0 || maxBatch <= 0) {
            throw new IllegalArgumentException("width, height and maxBatch must be positive, got " + width + ", "
                    + height + ", " + maxBatch);
        }
        if (dataType != DataType.FLOAT && dataType != DataType.HALF) {
            throw new IllegalArgumentException("GPU output type must be FLOAT or HALF, got " + dataType);
        }
        if (colorOrder == ColorOrder.GRAY && (normalization.mean().length > 1 || normalization.std().length > 1)
                && (normalization.apply(0, 0) != normalization.apply(0, 2)
                || normalization.apply(255, 0) != normalization.apply(255, 2))) {
            throw new IllegalArgumentException("one-channel (GRAY) output needs one mean and std: " + normalization);
        }
        String reason = Cuda.unavailableReason();
        if (reason != null) {
            throw new GpuUnavailableException(reason);
        }
        GpuNormalizer g = new GpuNormalizer(width, height, maxBatch, colorOrder, normalization, layout, dataType);
        try {
            g.init();
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        return g;
    }

    private void init() {
        kernel = KernelLibrary.compileAndLoad(NormalizeKernel.SOURCE, "trt4j_normalize.cu", NormalizeKernel.NAME);
        device = kernel.device();
        staging = DeviceBuffer.allocate(inputBytes(maxBatch));
        ByteBuffer f = ByteBuffer.allocateDirect(3 * 256 * 4).order(ByteOrder.nativeOrder());
        ByteBuffer h = ByteBuffer.allocateDirect(3 * 256 * 2).order(ByteOrder.nativeOrder());
        for (int c = 0; c < 3; c++) {
            int stat = Math.min(c, channels - 1);
            for (int x = 0; x < 256; x++) {
                float v = (float) normalization.apply(x, stat); // the CPU path's table entry, bit for bit
                f.putFloat((c * 256 + x) * 4, v);
                h.putShort((c * 256 + x) * 2, HalfFloat.fromFloat(v));
            }
        }
        floatLut = DeviceBuffer.allocate(f.capacity());
        floatLut.copyFrom(f);
        halfLut = DeviceBuffer.allocate(h.capacity());
        halfLut.copyFrom(h);
    }

    /** Bytes of UINT8 NHWC input for {@code batch} images: batch x height x width x 3. */
    public long inputBytes(int batch) {
        return (long) batch * height * width * 3;
    }

    /** Bytes of output for {@code batch} images: batch x channels x height x width x element size. */
    public long outputBytes(int batch) {
        return (long) batch * height * width * channels * dataType.byteSize();
    }

    /** Largest batch. */
    public int maxBatch() {
        return maxBatch;
    }

    /** Output channel order. */
    public ColorOrder colorOrder() {
        return colorOrder;
    }

    /** Output value mapping. */
    public Normalization normalization() {
        return normalization;
    }

    /** Output layout. */
    public TensorLayout layout() {
        return layout;
    }

    /** Output element type. */
    public DataType dataType() {
        return dataType;
    }

    /**
     * Enqueues on {@code stream}: copy {@link #inputBytes(int)} bytes from the start of {@code host} (UINT8 NHWC RGB)
     * to the device, then the kernel writing {@link #outputBytes(int)} bytes at the start of {@code output}. Returns
     * without waiting; {@code host} must stay unchanged until the stream passes this point.
     *
     * @throws IllegalArgumentException if the batch is out of range or either buffer is too small
     * @throws CudaException            if CUDA rejects the copy or launch
     */
    public void enqueue(PinnedBuffer host, int batch, DeviceBuffer output, CudaStream stream) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(stream, "stream");
        checkBatch(batch);
        if (host.size() < inputBytes(batch)) {
            throw new IllegalArgumentException("pinned buffer has " + host.size() + " bytes, a batch of " + batch + " "
                    + width + "x" + height + "x3 UINT8 needs " + inputBytes(batch));
        }
        if (output.size() < outputBytes(batch)) {
            throw new IllegalArgumentException("device buffer has " + output.size() + " bytes, a batch of " + batch
                    + " needs " + outputBytes(batch) + " (" + channels + "x" + height + "x" + width + " " + dataType
                    + ")");
        }
        enqueue(host.asByteBuffer(0, (int) inputBytes(batch)), batch, output.address(), stream.handle());
    }

    /**
     * As {@link #enqueue(PinnedBuffer, int, DeviceBuffer, CudaStream)} with raw handles: {@code hostUint8Nhwc} is a
     * direct buffer read from its position (pinned memory makes the copy asynchronous), {@code deviceOutput} a device
     * address with room for {@link #outputBytes(int)} bytes (e.g. trt-core {@code DeviceBuffer.address()}),
     * {@code stream} a CUDA stream handle (trt-core {@code CudaStream.handle()}; 0 for the legacy default stream).
     *
     * @throws IllegalArgumentException if the batch is out of range, the host buffer is not direct or too small, or
     *                                  the output address is 0
     * @throws CudaException            if CUDA rejects the copy or launch
     */
    public void enqueue(ByteBuffer hostUint8Nhwc, int batch, long deviceOutput, long stream) {
        Objects.requireNonNull(hostUint8Nhwc, "hostUint8Nhwc");
        checkBatch(batch);
        if (!hostUint8Nhwc.isDirect()) {
            throw new IllegalArgumentException("host buffer must be direct (pinned for an asynchronous copy)");
        }
        if (hostUint8Nhwc.remaining() < inputBytes(batch)) {
            throw new IllegalArgumentException("host buffer has " + hostUint8Nhwc.remaining() + " bytes, a batch of "
                    + batch + " " + width + "x" + height + "x3 UINT8 needs " + inputBytes(batch));
        }
        if (deviceOutput == 0) {
            throw new IllegalArgumentException("device output address is null");
        }
        try {
            Cuda.ensureDevice(device); // a fresh thread starts on device 0
            Cuda.copyToDeviceAsync(staging.address(), hostUint8Nhwc, inputBytes(batch), stream);
        } catch (CudaException e) {
            CudaException detailed = new CudaException(e.code(), e.operation(), Cuda.runtimeErrorText(e.code())
                    + " [" + kernel.describe(stream) + "]");
            detailed.initCause(e);
            throw detailed;
        }
        NormalizeKernel.launch(kernel, stream, staging.address(), deviceOutput, floatLut.address(),
                halfLut.address(), (long) batch * width * height, width * height, channels, layout.planar(),
                dataType == DataType.HALF, channelSource, colorOrder == ColorOrder.GRAY);
    }

    private void checkBatch(int batch) {
        if (closed) {
            throw new IllegalStateException("GpuNormalizer has been closed");
        }
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException("batch must be 1.." + maxBatch + ", got " + batch);
        }
    }

    /**
     * What the kernel was compiled for and where it lives, like {@code sm_90 CUBIN (5312 bytes, NVRTC 13.0) on device
     * 0}; for logs.
     */
    public String target() {
        if (closed) {
            throw new IllegalStateException("GpuNormalizer has been closed");
        }
        return kernel.target() + " on device " + device;
    }

    /** Frees the device buffers and unloads the kernel; idempotent, never throws (problems are logged). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (DeviceBuffer b : new DeviceBuffer[] {staging, floatLut, halfLut}) {
            if (b != null) {
                try {
                    b.close();
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(GpuNormalizer.class).warn("GpuNormalizer: {}", e.getMessage());
                }
            }
        }
        if (kernel != null) {
            // a library that cannot be unloaded goes with the process; close() releases what it can
            String problem = kernel.unload();
            if (problem != null) {
                LoggerFactory.getLogger(GpuNormalizer.class).warn("GpuNormalizer: {}", problem);
            }
        }
    }
}
