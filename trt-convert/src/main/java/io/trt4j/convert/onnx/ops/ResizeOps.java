package io.trt4j.convert.onnx.ops;

import io.trt4j.convert.onnx.ir.Attrs;
import io.trt4j.convert.onnx.ir.OnnxNode;
import io.trt4j.convert.onnx.ir.OnnxTypes;
import java.util.Map;
import org.tensorflow.proto.NodeDef;

/**
 * Image resizing: ResizeBilinear and ResizeNearestNeighbor (NHWC) as ONNX Resize on NCHW with explicit output sizes.
 * align_corners maps to {@code align_corners}; half_pixel_centers to {@code half_pixel} (bilinear) or
 * {@code tf_half_pixel_for_nn} (nearest); otherwise {@code asymmetric}. TensorFlow's nearest rounds down, or rounds
 * half away from zero with align_corners.
 *
 * <p>Thread-safety: stateless.
 */
final class ResizeOps {
    private ResizeOps() {
    }

    static void register(Map<String, OpHandler> m) {
        m.put("ResizeBilinear", (ctx, n) -> resize(ctx, n, "linear"));
        m.put("ResizeNearestNeighbor", (ctx, n) -> resize(ctx, n, "nearest"));
    }

    private static void resize(ConversionContext ctx, NodeDef n, String mode) {
        boolean align = TfAttrs.bool(n, "align_corners", false);
        boolean half = TfAttrs.bool(n, "half_pixel_centers", false);
        String xc = ctx.toNchw(n, ctx.input(n, 0), 4);
        String batchAndChannels = ctx.tempNode("Slice", n, ctx.temp("Shape", n, xc), ctx.int64s(n, "zero", 0),
                ctx.int64s(n, "two", 2)).output(0);
        String sizes = ctx.tempNode("Concat", n, batchAndChannels, ctx.int64Input(n, 1)).attr(Attrs.i("axis", 0))
                .output(0);
        ctx.graph().setType(sizes, OnnxTypes.INT64);
        String transform = align ? "align_corners" : half ? (mode.equals("linear") ? "half_pixel"
                : "tf_half_pixel_for_nn") : "asymmetric";
        OnnxNode r = ctx.tempNode("Resize", n, xc, "", "", sizes).attr(Attrs.s("mode", mode))
                .attr(Attrs.s("coordinate_transformation_mode", transform));
        if (mode.equals("nearest")) {
            r.attr(Attrs.s("nearest_mode", align ? "round_prefer_ceil" : "floor"));
        }
        ctx.setNchwShape(r.output(0), ctx.outputShape(n, 0), ctx.inputType(n, 0));
        ctx.fromNchw(n, r.output(0), ctx.out(n, 0), 4);
    }
}
