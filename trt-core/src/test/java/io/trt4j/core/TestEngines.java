package io.trt4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trt4j.core.internal.NativeDelete;
import io.trt4j.core.internal.TrtLogging;
import io.trt4j.core.internal.TrtTypes;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.nvinfer.IActivationLayer;
import org.bytedeco.tensorrt.nvinfer.IBuilder;
import org.bytedeco.tensorrt.nvinfer.IBuilderConfig;
import org.bytedeco.tensorrt.nvinfer.IConvolutionLayer;
import org.bytedeco.tensorrt.nvinfer.IElementWiseLayer;
import org.bytedeco.tensorrt.nvinfer.IHostMemory;
import org.bytedeco.tensorrt.nvinfer.INetworkDefinition;
import org.bytedeco.tensorrt.nvinfer.IOptimizationProfile;
import org.bytedeco.tensorrt.nvinfer.IPoolingLayer;
import org.bytedeco.tensorrt.nvinfer.ITensor;
import org.bytedeco.tensorrt.nvinfer.Weights;

/**
 * A small test network built with TensorRT's network API, and its reference computation in Java.
 *
 * <pre>
 *   x [N,3,8,8] -> conv 3x3 (4 filters, pad 1, bias) -> relu -> "features" [N,4,8,8]
 *   features -> max pool 2x2 stride 2 -> + z [N,4,4,4] -> "pooled_sum" [N,4,4,4]
 * </pre>
 * N is dynamic, profile 0: min 1, opt 4, max 16. Weights come from a seeded Random. TF32 is disabled, so the GPU
 * result matches the FP32 reference to rounding.
 */
public final class TestEngines {
    public static final String X = "x";
    public static final String Z = "z";
    public static final String FEATURES = "features";
    public static final String POOLED = "pooled_sum";
    public static final int CIN = 3;
    public static final int COUT = 4;
    public static final int H = 8;
    public static final int W = 8;
    public static final int HP = 4;
    public static final int WP = 4;
    public static final int MAX_BATCH = 16;

    static final float[] CONV_W = new float[COUT * CIN * 9];
    static final float[] CONV_B = new float[COUT];

    static {
        Random r = new Random(2024);
        for (int i = 0; i < CONV_W.length; i++) {
            CONV_W[i] = (float) (r.nextGaussian() * 0.5);
        }
        for (int i = 0; i < CONV_B.length; i++) {
            CONV_B[i] = (float) (r.nextGaussian() * 0.1);
        }
    }

    private static byte[] plan;

    private TestEngines() {
    }

    /** The serialized test engine, built once per JVM (takes seconds). Call after {@link GpuAssume#gpu()}. */
    public static synchronized byte[] plan() {
        if (plan == null) {
            plan = build();
        }
        return plan.clone();
    }

    private static byte[] build() {
        IBuilder builder = nvinfer.createInferBuilder(TrtLogging.logger());
        INetworkDefinition net = null;
        IBuilderConfig config = null;
        IHostMemory mem = null;
        FloatPointer wp = new FloatPointer(CONV_W);
        FloatPointer bp = new FloatPointer(CONV_B);
        try {
            net = builder.createNetworkV2(0);
            ITensor x = net.addInput(X, nvinfer.DataType.kFLOAT, TrtTypes.dims64(-1, CIN, H, W));
            ITensor z = net.addInput(Z, nvinfer.DataType.kFLOAT, TrtTypes.dims64(-1, COUT, HP, WP));
            Weights kw = new Weights();
            kw.type(nvinfer.DataType.kFLOAT).values(wp).count(CONV_W.length);
            Weights kb = new Weights();
            kb.type(nvinfer.DataType.kFLOAT).values(bp).count(CONV_B.length);
            IConvolutionLayer conv = net.addConvolutionNd(x, COUT, TrtTypes.dims64(3, 3), kw, kb);
            conv.setPaddingNd(TrtTypes.dims64(1, 1));
            IActivationLayer relu = net.addActivation(conv.getOutput(0), nvinfer.ActivationType.kRELU);
            ITensor features = relu.getOutput(0);
            features.setName(FEATURES);
            IPoolingLayer pool = net.addPoolingNd(features, nvinfer.PoolingType.kMAX, TrtTypes.dims64(2, 2));
            pool.setStrideNd(TrtTypes.dims64(2, 2));
            IElementWiseLayer add = net.addElementWise(pool.getOutput(0), z, nvinfer.ElementWiseOperation.kSUM);
            ITensor out = add.getOutput(0);
            out.setName(POOLED);
            net.markOutput(features);
            net.markOutput(out);

            config = builder.createBuilderConfig();
            config.clearFlag(nvinfer.BuilderFlag.kTF32);
            config.setMemoryPoolLimit(nvinfer.MemoryPoolType.kWORKSPACE, 256L << 20);
            IOptimizationProfile p = builder.createOptimizationProfile();
            p.setDimensions(X, nvinfer.OptProfileSelector.kMIN, TrtTypes.dims64(1, CIN, H, W));
            p.setDimensions(X, nvinfer.OptProfileSelector.kOPT, TrtTypes.dims64(4, CIN, H, W));
            p.setDimensions(X, nvinfer.OptProfileSelector.kMAX, TrtTypes.dims64(MAX_BATCH, CIN, H, W));
            p.setDimensions(Z, nvinfer.OptProfileSelector.kMIN, TrtTypes.dims64(1, COUT, HP, WP));
            p.setDimensions(Z, nvinfer.OptProfileSelector.kOPT, TrtTypes.dims64(4, COUT, HP, WP));
            p.setDimensions(Z, nvinfer.OptProfileSelector.kMAX, TrtTypes.dims64(MAX_BATCH, COUT, HP, WP));
            config.addOptimizationProfile(p);
            mem = builder.buildSerializedNetwork(net, config);
            if (mem == null || mem.isNull()) {
                throw new IllegalStateException("building the test engine failed (see the io.trt4j.tensorrt log)");
            }
            byte[] bytes = new byte[(int) mem.size()];
            new BytePointer(mem.data()).capacity(mem.size()).limit(mem.size()).get(bytes);
            return bytes;
        } finally {
            NativeDelete.delete(mem);
            NativeDelete.delete(config);
            NativeDelete.delete(net);
            NativeDelete.delete(builder);
            wp.close();
            bp.close();
        }
    }

    /** Seeded input data of {@code n} elements in [-1, 1). */
    public static float[] data(int n, long seed) {
        Random r = new Random(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextFloat() * 2 - 1;
        }
        return out;
    }

    /** x for batch {@code n}. */
    public static float[] x(int n, long seed) {
        return data(n * CIN * H * W, seed);
    }

    /** z for batch {@code n}. */
    public static float[] z(int n, long seed) {
        return data(n * COUT * HP * WP, seed + 1_000_003);
    }

    /** Reference "features" (NCHW). */
    public static float[] features(float[] x, int n) {
        float[] out = new float[n * COUT * H * W];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < COUT; o++) {
                for (int i = 0; i < H; i++) {
                    for (int j = 0; j < W; j++) {
                        double acc = CONV_B[o];
                        for (int c = 0; c < CIN; c++) {
                            for (int u = 0; u < 3; u++) {
                                for (int v = 0; v < 3; v++) {
                                    int ii = i + u - 1;
                                    int jj = j + v - 1;
                                    if (ii < 0 || jj < 0 || ii >= H || jj >= W) {
                                        continue;
                                    }
                                    acc += (double) CONV_W[((o * CIN + c) * 3 + u) * 3 + v]
                                            * x[((b * CIN + c) * H + ii) * W + jj];
                                }
                            }
                        }
                        out[((b * COUT + o) * H + i) * W + j] = (float) Math.max(acc, 0);
                    }
                }
            }
        }
        return out;
    }

    /** Reference "pooled_sum" (NCHW). */
    public static float[] pooled(float[] features, float[] z, int n) {
        float[] out = new float[n * COUT * HP * WP];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < COUT; o++) {
                for (int i = 0; i < HP; i++) {
                    for (int j = 0; j < WP; j++) {
                        float m = Float.NEGATIVE_INFINITY;
                        for (int u = 0; u < 2; u++) {
                            for (int v = 0; v < 2; v++) {
                                m = Math.max(m, features[((b * COUT + o) * H + 2 * i + u) * W + 2 * j + v]);
                            }
                        }
                        int k = ((b * COUT + o) * HP + i) * WP + j;
                        out[k] = m + z[k];
                    }
                }
            }
        }
        return out;
    }

    /** Asserts element-wise closeness (max abs error {@code tol}), naming the first bad index. */
    public static void assertClose(float[] want, float[] got, double tol, String what) {
        assertEquals(want.length, got.length, what + ": length");
        double max = 0;
        int worst = -1;
        for (int i = 0; i < want.length; i++) {
            double e = Math.abs(want[i] - got[i]);
            if (!(e <= max)) {
                max = e;
                worst = i;
            }
        }
        if (!(max <= tol)) {
            throw new AssertionError(what + ": max abs error " + max + " at " + worst + " (want " + want[worst]
                    + ", got " + got[worst] + ")");
        }
    }
}
