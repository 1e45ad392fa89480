package io.trt4j.image.gpu;

import io.trt4j.core.DataType;
import io.trt4j.image.ColorOrder;
import io.trt4j.image.Normalization;
import io.trt4j.image.TensorLayout;
import io.trt4j.image.gpu.internal.Cuda;
import io.trt4j.image.gpu.internal.NormalizeKernel;
import io.trt4j.image.internal.HalfFloat;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Second half of GPU preprocessing. Input: a batch of UINT8 NHWC RGB images (0..255, {@code height x width x 3}
 * each, as a {@link io.trt4j.image.Preprocessor} with {@code dataType(UINT8)}, {@code layout(NHWC)},
 * {@code colorOrder(RGB)} and {@link Normalization#NONE} writes them) in a direct, ideally pinned, host buffer.
 * {@link #enqueue} copies it to a device staging buffer and runs one NVRTC-compiled kernel that applies
 * {@link #colorOrder()}, {@link #normalization()}, the element type (FLOAT or HALF) and the layout (NCHW or NHWC),
 * writing into a device buffer such as an engine input binding. Output values are bit-identical to the CPU
 * {@link io.trt4j.image.Preprocessor} with the same settings (same lookup tables).
 *
 * <p>Thread-safety: not thread-safe. The staging buffer is reused by each call, so use one instance per CUDA stream
 * (calls on one stream are ordered). {@link #close()} is idempotent; later use throws
 * {@link IllegalStateException}. Call it only when no enqueued work is pending.
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

    private long module;
    private long function;
    private long staging;
    private long floatLut;
    private long halfLut;
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

    /** Whether a CUDA device and the NVRTC library are usable here; never throws. */
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
     * @param width         image width
     * @param height        image height
     * @param maxBatch      largest batch {@link #enqueue} will take
     * @param colorOrder    RGB, BGR or GRAY output channels
     * @param normalization value mapping (as in the CPU path)
     * @param layout        NCHW or NHWC (CHW/HWC mean the same for a batch of one)
     * @param dataType      FLOAT or HALF
     * @throws IllegalArgumentException     for other types, bad sizes or statistics that do not fit
     * @throws GpuPreprocessingException    if CUDA or NVRTC fails (no GPU, compilation, allocation)
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
        if (colorOrder == ColorOrder.GRAY && (normalization.apply(0, 0) != normalization.apply(0, 2)
                || normalization.apply(255, 0) != normalization.apply(255, 2))) {
            throw new IllegalArgumentException("one-channel (GRAY) output needs one mean and std: " + normalization);
        }
        String reason = Cuda.unavailableReason();
        if (reason != null) {
            throw new GpuPreprocessingException("GpuNormalizer.create", -1, reason);
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
        Cuda.initContext();
        long[] handles = Cuda.compileAndLoad(NormalizeKernel.SOURCE, "trt4j_normalize.cu", NormalizeKernel.NAME);
        module = handles[0];
        function = handles[1];
        staging = Cuda.malloc(inputBytes(maxBatch));
        byte[] f = new byte[3 * 256 * 4];
        byte[] h = new byte[3 * 256 * 2];
        ByteBuffer fb = ByteBuffer.wrap(f).order(java.nio.ByteOrder.nativeOrder());
        ByteBuffer hb = ByteBuffer.wrap(h).order(java.nio.ByteOrder.nativeOrder());
        for (int c = 0; c < 3; c++) {
            int stat = Math.min(c, channels - 1);
            for (int x = 0; x < 256; x++) {
                float v = (float) normalization.apply(x, stat);
                fb.putFloat((c * 256 + x) * 4, v);
                hb.putShort((c * 256 + x) * 2, HalfFloat.fromFloat(v));
            }
        }
        floatLut = Cuda.malloc(f.length);
        Cuda.copyToDevice(floatLut, f);
        halfLut = Cuda.malloc(h.length);
        Cuda.copyToDevice(halfLut, h);
    }

    /** Bytes of UINT8 NHWC input for {@code batch} images. */
    public long inputBytes(int batch) {
        return (long) batch * height * width * 3;
    }

    /** Bytes of output for {@code batch} images. */
    public long outputBytes(int batch) {
        return (long) batch * height * width * channels * dataType.byteSize();
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
     * Enqueues on {@code stream}: copy {@link #inputBytes(int)} bytes from {@code hostUint8Nhwc} (direct buffer,
     * starting at its position) to the device, then the kernel writing {@link #outputBytes(int)} bytes at
     * {@code deviceOutput}. Returns without waiting; the host buffer must stay unchanged until the stream passes
     * this point, and {@code deviceOutput} must hold {@link #outputBytes(int)} bytes.
     *
     * @param hostUint8Nhwc UINT8 NHWC RGB, {@code batch} images; pinned memory makes the copy asynchronous
     * @param batch         1..maxBatch
     * @param deviceOutput  device address (e.g. trt-core {@code DeviceBuffer.address()})
     * @param stream        CUDA stream handle (e.g. trt-core {@code CudaStream.handle()}); 0 for the legacy default
     * @throws IllegalArgumentException  if the batch is out of range or the buffer is not direct or too small
     * @throws GpuPreprocessingException if CUDA rejects the copy or launch
     */
    public void enqueue(ByteBuffer hostUint8Nhwc, int batch, long deviceOutput, long stream) {
        if (closed) {
            throw new IllegalStateException("GpuNormalizer has been closed");
        }
        Objects.requireNonNull(hostUint8Nhwc, "hostUint8Nhwc");
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException("batch must be 1.." + maxBatch + ", got " + batch);
        }
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
        Cuda.copyToDeviceAsync(staging, hostUint8Nhwc, inputBytes(batch), stream);
        Cuda.launchNormalize(function, stream, staging, deviceOutput, floatLut, halfLut,
                (long) batch * width * height, width * height, channels, layout.planar(),
                dataType == DataType.HALF, channelSource, colorOrder == ColorOrder.GRAY);
    }

    /** Frees the device memory and module; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (staging != 0) {
            Cuda.free(staging);
        }
        if (floatLut != 0) {
            Cuda.free(floatLut);
        }
        if (halfLut != 0) {
            Cuda.free(halfLut);
        }
        if (module != 0) {
            Cuda.unloadModule(module);
        }
    }
}
