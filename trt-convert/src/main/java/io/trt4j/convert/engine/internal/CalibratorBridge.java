package io.trt4j.convert.engine.internal;

import io.trt4j.convert.engine.Calibrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.tensorrt.nvinfer.IInt8EntropyCalibrator2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TensorRT's {@code IInt8EntropyCalibrator2} implemented over a trt4j {@link Calibrator}: copies each batch to device
 * buffers (one per input, allocated on first use, freed by {@link #release()}), and reads/writes the calibration
 * table file.
 *
 * <p>Nothing thrown by the user's calibrator crosses into TensorRT: the first failure is kept ({@link #failure()}),
 * calibration ends (getBatch returns false), and the builder rethrows it after the build.
 *
 * <p>Thread-safety: not thread-safe; TensorRT calls it from the building thread.
 */
final class CalibratorBridge extends IInt8EntropyCalibrator2 {
    private static final Logger LOG = LoggerFactory.getLogger(CalibratorBridge.class);

    private final Calibrator calibrator;
    private final Map<String, Long> elementCounts;
    private final Path cacheFile;
    private final Map<String, Pointer> deviceBuffers = new HashMap<>();
    private BytePointer cacheData;
    private Throwable failure;
    private int batches;

    /**
     * @param calibrator the data
     * @param elementCounts elements each batch holds per input (the calibration profile's opt shape)
     * @param cacheFile calibration table file, or null
     */
    CalibratorBridge(Calibrator calibrator, Map<String, Long> elementCounts, Path cacheFile) {
        this.calibrator = calibrator;
        this.elementCounts = Map.copyOf(elementCounts);
        this.cacheFile = cacheFile;
    }

    /** What the calibrator threw (or why a batch was refused), or null. */
    Throwable failure() {
        return failure;
    }

    /** Batches delivered to TensorRT. */
    int batches() {
        return batches;
    }

    /** 1: TensorRT 10 networks are explicit-batch, the batch dimension is part of each input's calibration shape. */
    @Override
    @SuppressWarnings("deprecation")
    public int getBatchSize() {
        return 1;
    }

    @Override
    @SuppressWarnings("rawtypes") // the preset declares raw PointerPointer parameters
    public boolean getBatch(PointerPointer bindings, PointerPointer names, int count) {
        if (failure != null) {
            return false;
        }
        try {
            Map<String, float[]> batch = calibrator.nextBatch();
            if (batch == null) {
                return false;
            }
            for (int i = 0; i < count; i++) {
                String name = names.getString(i);
                float[] data = batch.get(name);
                Long expected = elementCounts.get(name);
                if (data == null) {
                    throw new IllegalArgumentException("calibration batch " + batches + " has no data for input '"
                            + name + "' (it has " + batch.keySet() + ")");
                }
                if (expected == null || data.length != expected) {
                    throw new IllegalArgumentException("calibration batch " + batches + " holds " + data.length
                            + " floats for input '" + name + "', the calibration shape needs " + expected);
                }
                bindings.put(i, upload(name, data));
            }
            batches++;
            return true;
        } catch (Throwable t) {
            fail(t);
            return false;
        }
    }

    private Pointer upload(String name, float[] data) {
        long bytes = 4L * data.length;
        Pointer device = deviceBuffers.get(name);
        if (device == null) {
            device = new Pointer();
            int rc = cudart.cudaMalloc(device, bytes);
            if (rc != 0) {
                throw new IllegalStateException("cudaMalloc(" + bytes + ") for calibration input '" + name
                        + "' failed with CUDA error " + rc);
            }
            deviceBuffers.put(name, device);
        }
        try (FloatPointer host = new FloatPointer(data)) {
            int rc = cudart.cudaMemcpy(device, host, bytes, cudart.cudaMemcpyHostToDevice);
            if (rc != 0) {
                throw new IllegalStateException("cudaMemcpy of calibration input '" + name + "' failed with CUDA "
                        + "error " + rc);
            }
        }
        return device;
    }

    /** The calibration table, read from the file once (TensorRT may ask several times); null if there is none. */
    @Override
    public Pointer readCalibrationCache(LongPointer length) {
        length.put(0, 0L);
        if (cacheData != null) {
            length.put(0, cacheData.capacity());
            return cacheData;
        }
        if (cacheFile == null || !Files.isRegularFile(cacheFile)) {
            return null;
        }
        try {
            byte[] bytes = Files.readAllBytes(cacheFile);
            if (bytes.length == 0) {
                return null;
            }
            cacheData = new BytePointer(bytes);
            length.put(0, (long) bytes.length);
            LOG.debug("INT8 calibration table read from {} ({} bytes)", cacheFile, bytes.length);
            return cacheData;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the calibration cache {}: {}; calibrating from data", cacheFile, e.toString());
            return null;
        }
    }

    @Override
    public void writeCalibrationCache(Pointer data, long length) {
        if (cacheFile == null) {
            return;
        }
        try {
            byte[] bytes = new byte[(int) length];
            new BytePointer(data).capacity(length).limit(length).get(bytes);
            Path dir = cacheFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, cacheFile.getFileName().toString(), ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, cacheFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot write the calibration cache {}: {}", cacheFile, e.toString());
        }
    }

    private void fail(Throwable t) {
        if (failure == null) {
            failure = t;
        }
    }

    /** Frees the device buffers and the cache copy. Idempotent. */
    void release() {
        for (Pointer p : deviceBuffers.values()) {
            cudart.cudaFree(p);
        }
        deviceBuffers.clear();
        if (cacheData != null) {
            cacheData.close();
            cacheData = null;
        }
    }
}
