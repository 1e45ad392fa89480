package io.trt4j.convert.onnx.ops;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.NodeDef;

/**
 * TensorFlow's StridedSlice with constant begin / end / strides and all five masks (begin, end, ellipsis, new_axis,
 * shrink_axis), as ONNX Slice, then Squeeze for shrunk axes, then Unsqueeze for new axes.
 *
 * <p>Thread-safety: stateless.
 */
final class StridedSliceOp {
    private StridedSliceOp() {
    }

    static void convert(ConversionContext ctx, NodeDef n) {
        long[] begin = ctx.requireConst(n, 1, "begin").longs();
        long[] end = ctx.requireConst(n, 2, "end").longs();
        long[] strides = ctx.requireConst(n, 3, "strides").longs();
        long beginMask = TfAttrs.integer(n, "begin_mask", 0);
        long endMask = TfAttrs.integer(n, "end_mask", 0);
        long ellipsisMask = TfAttrs.integer(n, "ellipsis_mask", 0);
        long newAxisMask = TfAttrs.integer(n, "new_axis_mask", 0);
        long shrinkMask = TfAttrs.integer(n, "shrink_axis_mask", 0);
        int rank = ctx.requireRank(n, 0);
        int spec = begin.length;
        int consuming = 0;
        for (int i = 0; i < spec; i++) {
            if ((ellipsisMask >> i & 1) == 0 && (newAxisMask >> i & 1) == 0) {
                consuming++;
            }
        }
        List<Long> starts = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        List<Long> axes = new ArrayList<>();
        List<Long> steps = new ArrayList<>();
        List<Long> squeeze = new ArrayList<>();
        List<Long> unsqueeze = new ArrayList<>();
        int dim = 0;
        int outDim = 0;
        boolean sawEllipsis = false;
        for (int i = 0; i < spec; i++) {
            if ((ellipsisMask >> i & 1) != 0) {
                int covered = rank - consuming;
                dim += covered;
                outDim += covered;
                sawEllipsis = true;
            } else if ((newAxisMask >> i & 1) != 0) {
                unsqueeze.add((long) outDim);
                outDim++;
            } else if ((shrinkMask >> i & 1) != 0) {
                long b = begin[i];
                starts.add(b);
                ends.add(b == -1 ? Long.MAX_VALUE : b + 1);
                axes.add((long) dim);
                steps.add(1L);
                squeeze.add((long) dim);
                dim++;
            } else {
                long s = strides[i];
                if (s == 0) {
                    throw ConversionContext.error(n, "stride 0");
                }
                long b = (beginMask >> i & 1) != 0 ? (s > 0 ? 0 : Long.MAX_VALUE) : begin[i];
                long e = (endMask >> i & 1) != 0 ? (s > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : end[i];
                boolean whole = s == 1 && b == 0 && e == Long.MAX_VALUE;
                if (!whole) {
                    starts.add(b);
                    ends.add(e);
                    axes.add((long) dim);
                    steps.add(s);
                }
                dim++;
                outDim++;
            }
        }
        if (!sawEllipsis && dim > rank) {
            throw ConversionContext.error(n, "slice spec covers " + dim + " dims of a rank-" + rank + " input");
        }
        String x = ctx.input(n, 0);
        List<String> chain = new ArrayList<>();
        if (!starts.isEmpty()) {
            x = ctx.temp("Slice", n, x, ctx.int64s(n, "starts", toArray(starts)), ctx.int64s(n, "ends", toArray(ends)),
                    ctx.int64s(n, "axes", toArray(axes)), ctx.int64s(n, "steps", toArray(steps)));
            chain.add(x);
        }
        if (!squeeze.isEmpty()) {
            x = ctx.temp("Squeeze", n, x, ctx.int64s(n, "squeeze_axes", toArray(squeeze)));
            chain.add(x);
        }
        if (!unsqueeze.isEmpty()) {
            x = ctx.temp("Unsqueeze", n, x, ctx.int64s(n, "unsqueeze_axes", toArray(unsqueeze)));
            chain.add(x);
        }
        int type = ctx.inputType(n, 0);
        for (String v : chain) {
            ctx.graph().setType(v, type);
        }
        ctx.emit("Identity", n, x);
    }

    private static long[] toArray(List<Long> l) {
        return l.stream().mapToLong(Long::longValue).toArray();
    }
}
