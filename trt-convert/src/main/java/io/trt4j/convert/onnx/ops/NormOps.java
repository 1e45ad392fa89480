package io.trt4j.convert.onnx.ops;

import io.trt4j.convert.onnx.ir.ConstTensor;
import io.trt4j.convert.onnx.ir.OnnxTypes;
import java.util.Arrays;
import java.util.Map;
import org.tensorflow.proto.NodeDef;

/**
 * Inference batch normalization: FusedBatchNorm / V2 / V3 become {@code x * s + t} with per-channel constants
 * {@code s = scale / sqrt(var + eps)} and {@code t = offset - mean * s}, computed here in float32 as TensorFlow does;
 * the BN-folding pass later merges them into a preceding convolution.
 *
 * <p>Thread-safety: stateless.
 */
final class NormOps {
    private NormOps() {
    }

    static void register(Map<String, OpHandler> m) {
        m.put("FusedBatchNorm", NormOps::fusedBatchNorm);
        m.put("FusedBatchNormV2", NormOps::fusedBatchNorm);
        m.put("FusedBatchNormV3", NormOps::fusedBatchNorm);
    }

    private static void fusedBatchNorm(ConversionContext ctx, NodeDef n) {
        if (TfAttrs.bool(n, "is_training", false)) {
            throw ConversionContext.error(n, "is_training=true: only inference batch normalization converts"
                    + " (freeze the graph in inference mode)");
        }
        boolean channelsFirst = TfAttrs.string(n, "data_format", "NHWC").startsWith("NC");
        float eps = TfAttrs.real(n, "epsilon", 1e-3f);
        float[][] st = scaleShift(ctx, n, 1, eps);
        long[] dims = {st[0].length};
        if (channelsFirst) {
            int r = ctx.requireRank(n, 0);
            dims = new long[r - 1];
            Arrays.fill(dims, 1);
            dims[0] = st[0].length;
        }
        String y = ctx.temp("Mul", n, ctx.input(n, 0), ctx.constant(n, "bn_scale", ConstTensor.ofFloats(dims, st[0])));
        ctx.emit("Add", n, y, ctx.constant(n, "bn_shift", ConstTensor.ofFloats(dims, st[1])));
    }

    /** Per-channel scale and shift from the four constant inputs scale, offset, mean, variance at {@code first}. */
    static float[][] scaleShift(ConversionContext ctx, NodeDef n, int first, float eps) {
        float[] gamma = ctx.requireConst(n, first, "scale").cast(OnnxTypes.FLOAT).floats();
        float[] beta = ctx.requireConst(n, first + 1, "offset").cast(OnnxTypes.FLOAT)
                .floats();
        float[] mean = ctx.requireConst(n, first + 2, "mean").cast(OnnxTypes.FLOAT).floats();
        float[] var = ctx.requireConst(n, first + 3, "variance").cast(OnnxTypes.FLOAT)
                .floats();
        int c = gamma.length;
        float[] s = new float[c];
        float[] t = new float[c];
        for (int i = 0; i < c; i++) {
            s[i] = (float) (1.0 / Math.sqrt(var[i] + eps)) * gamma[i];
            t[i] = beta[i] - mean[i] * s[i];
        }
        return new float[][] {s, t};
    }

    /** Emits batch normalization on a channels-first value of rank r; returns the result value. */
    static String batchNormChannelsFirst(ConversionContext ctx, NodeDef n, String x, int first, int r, float eps) {
        float[][] st = scaleShift(ctx, n, first, eps);
        long[] dims = new long[r - 1];
        Arrays.fill(dims, 1);
        dims[0] = st[0].length;
        String y = ctx.temp("Mul", n, x, ctx.constant(n, "bn_scale", ConstTensor.ofFloats(dims, st[0])));
        return ctx.temp("Add", n, y, ctx.constant(n, "bn_shift", ConstTensor.ofFloats(dims, st[1])));
    }
}
