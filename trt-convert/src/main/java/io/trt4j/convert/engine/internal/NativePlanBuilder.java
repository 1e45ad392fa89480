package io.trt4j.convert.engine.internal;

import io.trt4j.convert.engine.EngineBuildException;
import io.trt4j.convert.engine.EngineConfig;
import io.trt4j.convert.engine.OnnxParseException;
import io.trt4j.convert.engine.OnnxParserError;
import io.trt4j.convert.engine.OptimizationProfile;
import io.trt4j.convert.engine.Precision;
import io.trt4j.convert.engine.ShapeRange;
import io.trt4j.core.Shape;
import io.trt4j.core.internal.NativeDelete;
import io.trt4j.core.internal.TrtLogging;
import io.trt4j.core.internal.TrtTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.global.nvonnxparser;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.IBuilder;
import org.bytedeco.tensorrt.nvinfer.IBuilderConfig;
import org.bytedeco.tensorrt.nvinfer.IHostMemory;
import org.bytedeco.tensorrt.nvinfer.INetworkDefinition;
import org.bytedeco.tensorrt.nvinfer.IOptimizationProfile;
import org.bytedeco.tensorrt.nvinfer.ITensor;
import org.bytedeco.tensorrt.nvinfer.ITimingCache;
import org.bytedeco.tensorrt.nvonnxparser.IParser;
import org.bytedeco.tensorrt.nvonnxparser.IParserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX-to-plan build with TensorRT 10: builder, network, ONNX parser, builder config, profiles, timing cache and
 * calibrator are created here and deleted on every path (success, parse error, build error, exception).
 *
 * <p>Thread-safety: stateless; concurrent builds each use their own TensorRT objects.
 */
public final class NativePlanBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(NativePlanBuilder.class);

    private NativePlanBuilder() {
    }

    /**
     * The outcome of a build.
     *
     * @param bytes the serialized plan
     * @param buildTime time from parse start to serialized plan
     * @param timingCache the serialized timing cache after the build, or null if none was configured (or TensorRT
     *     could not serialize it)
     */
    public record BuiltPlan(byte[] bytes, Duration buildTime, byte[] timingCache) {
    }

    /**
     * The vtable index of {@code nvonnxparser::IParser}'s destructor in TensorRT 10 ({@code NvOnnxParser.h}: eight
     * virtual methods come first: {@code parse}, {@code parseFromFile}, {@code supportsModel},
     * {@code parseWithWeightDescriptors}, {@code supportsOperator}, {@code getNbErrors}, {@code getError},
     * {@code clearErrors}); checked at run time before use ({@link NativeDelete#deleteVirtual}). The parser holds
     * its copy of the model (all weights) until deleted.
     */
    static final int IPARSER_DESTRUCTOR_SLOT = 8;

    /**
     * Parses {@code onnx} and builds a plan as {@code config} says. Call {@link BuildEnvironment#current()} first.
     *
     * @param onnx serialized ONNX ModelProto
     * @param modelName how to name the model in messages
     * @param timingCacheIn the timing cache to start from (read from {@link EngineConfig#timingCache()}), or null
     * @throws OnnxParseException if the parser rejects the model
     * @throws IllegalArgumentException if the profiles do not fit the network's inputs
     * @throws EngineBuildException if TensorRT builds no plan
     */
    @SuppressWarnings("deprecation") // implicit INT8 calibration: deprecated in TensorRT 10, the only PTQ path in 10
    public static BuiltPlan build(byte[] onnx, String modelName, EngineConfig config, BuildEnvironment env,
            byte[] timingCacheIn) {
        long start = System.nanoTime();
        LogCapture log = new LogCapture();
        IBuilder builder = null;
        INetworkDefinition network = null;
        IParser parser = null;
        IBuilderConfig builderConfig = null;
        ITimingCache timingCache = null;
        IHostMemory serialized = null;
        BytePointer onnxBytes = null;
        BytePointer timingBytes = null;
        CalibratorBridge calibrator = null;
        try {
            builder = nvinfer.createInferBuilder(TrtLogging.logger());
            if (builder == null || builder.isNull()) {
                throw new EngineBuildException("createInferBuilder returned null", log.messages());
            }
            network = builder.createNetworkV2(0); // explicit batch: TensorRT 10's only mode
            if (network == null || network.isNull()) {
                throw new EngineBuildException("TensorRT could not create a network", log.messages());
            }
            parser = nvonnxparser.createParser(network, TrtLogging.logger());
            if (parser == null || parser.isNull()) {
                throw new EngineBuildException("TensorRT could not create an ONNX parser", log.messages());
            }
            onnxBytes = new BytePointer(onnx);
            if (!parser.parse(onnxBytes, onnx.length)) {
                List<OnnxParserError> errors = parserErrors(parser);
                if (errors.isEmpty()) {
                    errors = List.of(new OnnxParserError(-1, "", "", "unknown",
                            "the parser failed without an error record; TensorRT logged: " + log.messages()));
                }
                throw new OnnxParseException(modelName, errors);
            }
            if (network.getNbOutputs() == 0) {
                // Protobuf skips unknown fields, so bytes that are not ONNX at all can parse as an empty model.
                throw new OnnxParseException(modelName, List.of(new OnnxParserError(-1, "", "", "kINVALID_GRAPH",
                        "the model defines no graph outputs (" + network.getNbLayers() + " layers, "
                                + network.getNbInputs() + " inputs): not an ONNX model, or an empty one")));
            }
            Map<String, long[]> inputs = networkInputs(network);
            checkProfiles(inputs, config.profiles());

            builderConfig = builder.createBuilderConfig();
            applyPrecision(builderConfig, config.precision(), env);
            if (config.workspaceBytes() > 0) {
                builderConfig.setMemoryPoolLimit(nvinfer.MemoryPoolType.kWORKSPACE, config.workspaceBytes());
            }
            if (config.maxAuxStreams() >= 0) {
                builderConfig.setMaxAuxStreams(config.maxAuxStreams());
            }
            if (config.builderOptimizationLevel() >= 0) {
                builderConfig.setBuilderOptimizationLevel(config.builderOptimizationLevel());
            }
            List<IOptimizationProfile> profiles = addProfiles(builder, builderConfig, config.profiles());
            if (config.precision() == Precision.INT8) {
                calibrator = new CalibratorBridge(config.calibrator(), calibrationCounts(inputs, config.profiles()),
                        config.calibrationCache());
                builderConfig.setInt8Calibrator(calibrator);
                if (!profiles.isEmpty() && !builderConfig.setCalibrationProfile(profiles.get(0))) {
                    throw new EngineBuildException("TensorRT refused profile 0 as the calibration profile",
                            List.of());
                }
            }
            if (config.timingCache() != null) {
                byte[] cached = timingCacheIn == null || timingCacheIn.length == 0 ? null : timingCacheIn;
                timingBytes = cached == null ? null : new BytePointer(cached);
                timingCache = builderConfig.createTimingCache(timingBytes, cached == null ? 0 : cached.length);
                if ((timingCache == null || timingCache.isNull()) && cached != null) {
                    LOG.warn("TensorRT rejected the timing cache {}; starting an empty one", config.timingCache());
                    timingCache = builderConfig.createTimingCache(null, 0);
                }
                if (timingCache != null && !timingCache.isNull() && !builderConfig.setTimingCache(timingCache, false)) {
                    LOG.warn("the timing cache {} does not match this TensorRT/GPU; starting an empty one",
                            config.timingCache());
                    NativeDelete.delete(timingCache);
                    timingCache = builderConfig.createTimingCache(null, 0);
                    builderConfig.setTimingCache(timingCache, false);
                }
            }

            serialized = builder.buildSerializedNetwork(network, builderConfig);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            List<String> messages = log.messages();
            if (calibrator != null && calibrator.failure() != null) {
                throw new EngineBuildException("INT8 calibration failed after " + calibrator.batches() + " batch(es): "
                        + calibrator.failure().getMessage(), messages, calibrator.failure());
            }
            if (serialized == null || serialized.isNull() || serialized.size() == 0) {
                throw new EngineBuildException("TensorRT could not build " + modelName + " at " + config.precision()
                        + " precision", messages);
            }
            byte[] plan = copy(serialized);
            byte[] timingCacheOut = config.timingCache() == null ? null : serializeTimingCache(builderConfig);
            LOG.info("built {} ({} precision, {} profile(s)) in {} ms: {} bytes on {}", modelName, config.precision(),
                    config.profiles().size(), elapsed.toMillis(), plan.length, env.device());
            return new BuiltPlan(plan, elapsed, timingCacheOut);
        } finally {
            log.messages();
            NativeDelete.delete(serialized);
            NativeDelete.delete(builderConfig);
            NativeDelete.delete(timingCache);
            if (calibrator != null) {
                calibrator.release();
                calibrator.close();
            }
            NativeDelete.deleteVirtual(parser, IPARSER_DESTRUCTOR_SLOT); // JavaCPP cannot allocate an IParser
            NativeDelete.delete(network);
            NativeDelete.delete(builder);
            if (onnxBytes != null) {
                onnxBytes.close();
            }
            if (timingBytes != null) {
                timingBytes.close();
            }
        }
    }

    private static List<OnnxParserError> parserErrors(IParser parser) {
        List<OnnxParserError> errors = new ArrayList<>();
        for (int i = 0; i < parser.getNbErrors(); i++) {
            IParserError e = parser.getError(i);
            if (e == null || e.isNull()) {
                continue;
            }
            errors.add(new OnnxParserError(e.node(), nullToEmpty(e.nodeName()), nullToEmpty(e.nodeOperator()),
                    e.code() == null ? "unknown" : e.code().intern().name(), nullToEmpty(e.desc())));
        }
        return errors;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Network input name -> dimensions (-1 dynamic), in network order. */
    private static Map<String, long[]> networkInputs(INetworkDefinition network) {
        Map<String, long[]> inputs = new LinkedHashMap<>();
        for (int i = 0; i < network.getNbInputs(); i++) {
            ITensor t = network.getInput(i);
            inputs.put(t.getName(), TrtTypes.dims(t.getDimensions()));
        }
        return inputs;
    }

    private static String describe(Map<String, long[]> inputs) {
        return inputs.entrySet().stream().map(e -> "'" + e.getKey() + "' " + Arrays.toString(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** Profiles must name existing inputs, match their rank and fixed dimensions, and cover every dynamic input. */
    static void checkProfiles(Map<String, long[]> inputs, List<OptimizationProfile> profiles) {
        for (OptimizationProfile profile : profiles) {
            for (ShapeRange range : profile.ranges()) {
                long[] dims = inputs.get(range.input());
                if (dims == null) {
                    throw new IllegalArgumentException("profile names input '" + range.input()
                            + "', which the network does not have; its inputs are " + describe(inputs));
                }
                for (Shape s : new Shape[] {range.min(), range.opt(), range.max()}) {
                    if (!Shape.of(dims).equals(s) && !s.matches(Shape.of(dims))) {
                        throw new IllegalArgumentException("profile shape " + s + " of input '" + range.input()
                                + "' does not fit the network's shape " + Arrays.toString(dims)
                                + " (same rank; only -1 dimensions may vary)");
                    }
                }
            }
        }
        for (Map.Entry<String, long[]> input : inputs.entrySet()) {
            boolean dynamic = Arrays.stream(input.getValue()).anyMatch(d -> d < 0);
            if (dynamic && profiles.isEmpty()) {
                throw new IllegalArgumentException("input '" + input.getKey() + "' has the dynamic shape "
                        + Arrays.toString(input.getValue()) + ": give it a shape range with "
                        + "EngineBuilder.profile(input, min, opt, max)");
            }
            if (dynamic && profiles.get(0).range(input.getKey()) == null) {
                throw new IllegalArgumentException("input '" + input.getKey() + "' has the dynamic shape "
                        + Arrays.toString(input.getValue()) + " but the profiles do not name it");
            }
        }
    }

    /**
     * Maps trt4j's precision to TensorRT 10's builder flags. kFP16, kBF16 and kINT8 (weak typing) are deprecated
     * since TensorRT 10.12 and gone in 11, where precision must come from the ONNX model (strongly-typed networks).
     */
    @SuppressWarnings("deprecation")
    private static void applyPrecision(IBuilderConfig config, Precision precision, BuildEnvironment env) {
        switch (precision) {
            case FP32 -> config.clearFlag(nvinfer.BuilderFlag.kTF32);
            case TF32 -> config.setFlag(nvinfer.BuilderFlag.kTF32);
            case FP16 -> config.setFlag(nvinfer.BuilderFlag.kFP16);
            case BF16 -> {
                if (env.computeMajor() < 8) {
                    throw new EngineBuildException("BF16 needs compute capability 8.0 or newer; " + env.device()
                            + " has " + env.computeMajor() + "." + env.computeMinor(), List.of());
                }
                config.setFlag(nvinfer.BuilderFlag.kBF16);
            }
            case INT8 -> config.setFlag(nvinfer.BuilderFlag.kINT8);
        }
    }

    private static List<IOptimizationProfile> addProfiles(IBuilder builder, IBuilderConfig config,
            List<OptimizationProfile> profiles) {
        List<IOptimizationProfile> added = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            IOptimizationProfile p = builder.createOptimizationProfile(); // owned by the builder
            for (ShapeRange r : profiles.get(i).ranges()) {
                set(p, r, nvinfer.OptProfileSelector.kMIN, r.min(), i);
                set(p, r, nvinfer.OptProfileSelector.kOPT, r.opt(), i);
                set(p, r, nvinfer.OptProfileSelector.kMAX, r.max(), i);
            }
            if (!p.isValid() || config.addOptimizationProfile(p) < 0) {
                throw new IllegalArgumentException("TensorRT rejected optimization profile " + i + ": "
                        + profiles.get(i).ranges());
            }
            added.add(p);
        }
        return added;
    }

    private static void set(IOptimizationProfile p, ShapeRange r, nvinfer.OptProfileSelector which, Shape shape,
            int index) {
        try (Dims64 dims = TrtTypes.dims64(shape.toArray())) {
            if (!p.setDimensions(r.input(), which, dims)) {
                throw new IllegalArgumentException("TensorRT rejected " + shape + " as the " + which
                        + " shape of input '" + r.input() + "' in profile " + index);
            }
        }
    }

    /** Elements per calibration batch of each input: the opt shape of profile 0, or the static shape. */
    private static Map<String, Long> calibrationCounts(Map<String, long[]> inputs, List<OptimizationProfile> profiles) {
        Map<String, Long> counts = new HashMap<>();
        for (Map.Entry<String, long[]> input : inputs.entrySet()) {
            ShapeRange range = profiles.isEmpty() ? null : profiles.get(0).range(input.getKey());
            Shape shape = range != null ? range.opt() : Shape.of(input.getValue());
            if (!shape.isDynamic()) {
                counts.put(input.getKey(), shape.elementCount());
            }
        }
        return counts;
    }

    private static byte[] serializeTimingCache(IBuilderConfig config) {
        ITimingCache cache = config.getTimingCache();
        if (cache == null || cache.isNull()) {
            return null;
        }
        IHostMemory memory = cache.serialize();
        try {
            if (memory == null || memory.isNull()) {
                LOG.warn("TensorRT did not serialize the timing cache");
                return null;
            }
            return copy(memory);
        } finally {
            NativeDelete.delete(memory);
        }
    }

    /** The TensorRT messages of one build, captured on this thread; the capture ends at the first read. */
    private static final class LogCapture {
        private final int mark = TrtLogging.beginCapture();
        private List<String> messages;

        List<String> messages() {
            if (messages == null) {
                messages = TrtLogging.endCapture(mark);
            }
            return messages;
        }
    }

    private static byte[] copy(IHostMemory memory) {
        long size = memory.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new EngineBuildException("the plan has " + size + " bytes, more than a Java array holds",
                    List.of());
        }
        byte[] out = new byte[(int) size];
        new BytePointer(memory.data()).capacity(size).limit(size).get(out);
        return out;
    }
}
