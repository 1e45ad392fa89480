package io.trt4j.convert.onnx.ops;

import io.trt4j.convert.onnx.ir.ConstTensor;
import java.util.Map;
import org.tensorflow.proto.NodeDef;

/**
 * Structural ops: Const (becomes an initializer), Placeholder (the converter declares graph inputs itself),
 * Identity / IdentityN / StopGradient / Snapshot (aliases, no ONNX node), NoOp (skipped).
 *
 * <p>Thread-safety: stateless.
 */
final class GraphOps {
    private GraphOps() {
    }

    static void register(Map<String, OpHandler> m) {
        m.put("Const", GraphOps::constant);
        m.put("Placeholder", (ctx, n) -> { });
        m.put("PlaceholderWithDefault", (ctx, n) -> ctx.alias(n.getName() + ":0", ctx.input(n, 0)));
        m.put("NoOp", (ctx, n) -> { });
        OpHandler identity = (ctx, n) -> ctx.alias(n.getName() + ":0", ctx.input(n, 0));
        m.put("Identity", identity);
        m.put("StopGradient", identity);
        m.put("Snapshot", identity);
        m.put("IdentityN", (ctx, n) -> {
            for (int i = 0; i < ctx.inputCount(n); i++) {
                ctx.alias(n.getName() + ":" + i, ctx.input(n, i));
            }
        });
    }

    private static void constant(ConversionContext ctx, NodeDef n) {
        ConstTensor c = TfConstants.toConst(n.getAttrMap().get("value").getTensor(), n.getName());
        String name = ctx.out(n, 0);
        ctx.graph().initializers().put(name, c);
        ctx.graph().setShape(name, c.dims());
        ctx.graph().setType(name, c.dataType());
    }
}
