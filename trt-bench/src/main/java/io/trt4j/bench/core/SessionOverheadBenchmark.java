package io.trt4j.bench.core;

import io.trt4j.convert.engine.EngineBuilder;
import io.trt4j.convert.onnx.TfToOnnxConverter;
import io.trt4j.convert.onnx.proto.Onnx;
import io.trt4j.convert.zoo.ModelZoo;
import io.trt4j.convert.zoo.ZooModel;
import io.trt4j.convert.zoo.ZooOptions;
import io.trt4j.core.Engine;
import io.trt4j.core.InferenceSession;
import io.trt4j.core.Shape;
import io.trt4j.core.Tensor;
import io.trt4j.core.TensorRt;
import io.trt4j.core.internal.TrtLogging;
import io.trt4j.core.TensorInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IExecutionContext;
import org.bytedeco.tensorrt.nvinfer.IRuntime;
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
 * What {@link InferenceSession} costs over the bare TensorRT calls, at batch 1, on two engines ({@code model}):
 * {@code relu}, one ReLU over a [1, 256] float tensor (GPU work is a single tiny kernel, so the time is almost all
 * host-side and launch latency and the overhead is measured most precisely), and {@code mobilenet}, MobileNet v1
 * (width 0.25, 32×32 input, 10 classes: about 150 µs a call, dozens of kernels).
 *
 * <ul>
 *   <li>{@code bare}: raw JavaCPP on a second context of the same plan: cudaMemcpyAsync H2D from pinned memory,
 *       enqueueV3, cudaMemcpyAsync D2H to pinned memory, cudaStreamSynchronize.</li>
 *   <li>{@code sessionRunInPlace}: the same work through the session's caller-buffer path (inputs already in its
 *       pinned buffer, outputs read from its pinned buffer).</li>
 *   <li>{@code sessionRun}: {@code run(Map<String, Tensor>)}: host tensors in, new host tensors out.</li>
 * </ul>
 * Overhead = session time − bare time; the goal is under 5 µs a call for the in-place path. Needs a GPU.
 *
 * <p>Thread-safety: JMH state, one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SessionOverheadBenchmark {
    @Param({"relu", "mobilenet"})
    public String model;

    private Engine engine;
    private InferenceSession session;
    private Map<String, Tensor> inputs;
    private Shape inputShape;
    private String inputName;

    private IRuntime rawRuntime;
    private ICudaEngine rawEngine;
    private IExecutionContext rawContext;
    private Pointer rawIn;
    private Pointer hostIn;
    private long inBytes;
    private Pointer[] rawOut;
    private Pointer[] hostOut;
    private long[] outBytes;
    private CUstream_st rawStream;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        TensorRt.requireAvailable();
        byte[] onnx;
        if (model.equals("relu")) {
            inputName = "x";
            inputShape = Shape.of(1, 256);
            onnx = reluModel(inputName, "y", 256).toByteArray();
        } else {
            ZooOptions tiny = ZooOptions.of(1).withWidthMultiplier(0.25).withInputSize(32).withClasses(10);
            var converted = new TfToOnnxConverter().convert(ModelZoo.build(ZooModel.MOBILENET_V1, tiny));
            inputName = converted.inputs().get(0).name();
            inputShape = Shape.of(1, 32, 32, 3);
            onnx = converted.toByteArray();
        }
        byte[] plan = EngineBuilder.fromOnnx(onnx)
                .profile(inputName, inputShape, inputShape, inputShape.withDim(0, 8))
                // every fork (one per benchmark method) must time the same plan: share it through the engine cache
                .engineCache(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "trt4j-bench-engines"))
                .build().bytes();
        engine = Engine.load(plan);
        session = InferenceSession.builder(engine).maxBatch(1).build();
        float[] x = new float[(int) inputShape.elementCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i);
        }
        inputs = Map.of(inputName, Tensor.of(x, inputShape));
        session.input(inputName, inputShape).buffer().asFloatBuffer().put(x);

        rawRuntime = nvinfer.createInferRuntime(TrtLogging.logger());
        BytePointer planBytes = new BytePointer(plan);
        rawEngine = rawRuntime.deserializeCudaEngine(planBytes, plan.length);
        rawContext = rawEngine.createExecutionContext();
        inBytes = 4L * inputShape.elementCount();
        rawIn = new Pointer();
        hostIn = new Pointer();
        check(cudart.cudaMalloc(rawIn, inBytes));
        check(cudart.cudaMallocHost(hostIn, inBytes));
        List<TensorInfo> outputs = engine.outputs();
        rawOut = new Pointer[outputs.size()];
        hostOut = new Pointer[outputs.size()];
        outBytes = new long[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            outBytes[i] = 4L * outputs.get(i).shape().withDim(0, 1).elementCount(); // float32, batch 1
            rawOut[i] = new Pointer();
            hostOut[i] = new Pointer();
            check(cudart.cudaMalloc(rawOut[i], outBytes[i]));
            check(cudart.cudaMallocHost(hostOut[i], outBytes[i]));
        }
        rawStream = new CUstream_st();
        check(cudart.cudaStreamCreate(rawStream));
        Dims64 dims = new Dims64();
        dims.nbDims(inputShape.rank());
        for (int i = 0; i < inputShape.rank(); i++) {
            dims.d(i, inputShape.dim(i));
        }
        if (!rawContext.setInputShape(inputName, dims) || !rawContext.setTensorAddress(inputName, rawIn)) {
            throw new IllegalStateException("binding the raw context's input failed");
        }
        for (int i = 0; i < outputs.size(); i++) {
            if (!rawContext.setTensorAddress(outputs.get(i).name(), rawOut[i])) {
                throw new IllegalStateException("binding output " + outputs.get(i).name() + " failed");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cudart.cudaStreamDestroy(rawStream);
        cudart.cudaFree(rawIn);
        cudart.cudaFreeHost(hostIn);
        for (int i = 0; i < rawOut.length; i++) {
            cudart.cudaFree(rawOut[i]);
            cudart.cudaFreeHost(hostOut[i]);
        }
        rawContext.close();
        rawEngine.close();
        rawRuntime.close();
        session.close();
        engine.close();
    }

    /** Baseline: raw JavaCPP copies, enqueueV3 and synchronize. */
    @Benchmark
    public void bare() {
        check(cudart.cudaMemcpyAsync(rawIn, hostIn, inBytes, cudart.cudaMemcpyHostToDevice, rawStream));
        if (!rawContext.enqueueV3(rawStream)) {
            throw new IllegalStateException("enqueueV3 failed");
        }
        for (int i = 0; i < rawOut.length; i++) {
            check(cudart.cudaMemcpyAsync(hostOut[i], rawOut[i], outBytes[i], cudart.cudaMemcpyDeviceToHost, rawStream));
        }
        check(cudart.cudaStreamSynchronize(rawStream));
    }

    /** The session's zero-garbage path: inputs already in its pinned buffer. */
    @Benchmark
    public void sessionRunInPlace() {
        session.runInPlace(inputShape);
    }

    /** The session's convenience path: host tensors in, new host tensors out. */
    @Benchmark
    public Map<String, Tensor> sessionRun() {
        return session.run(inputs);
    }

    /** x [N, width] -> Relu -> y, opset 17. */
    private static Onnx.ModelProto reluModel(String in, String out, int width) {
        Onnx.NodeProto relu = Onnx.NodeProto.newBuilder().setName("relu").setOpType("Relu").addInput(in).addOutput(out)
                .build();
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder().setName("relu").addNode(relu)
                .addInput(vector(in, width)).addOutput(vector(out, width)).build();
        return Onnx.ModelProto.newBuilder().setIrVersion(8).setProducerName("trt4j-bench")
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(graph)
                .build();
    }

    private static Onnx.ValueInfoProto vector(String name, int width) {
        Onnx.TensorShapeProto shape = Onnx.TensorShapeProto.newBuilder()
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(width)).build();
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder().setTensorType(
                Onnx.TypeProto.Tensor.newBuilder().setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE)
                        .setShape(shape))).build();
    }

    private static void check(int rc) {
        if (rc != 0) {
            throw new IllegalStateException("CUDA error " + rc);
        }
    }
}
