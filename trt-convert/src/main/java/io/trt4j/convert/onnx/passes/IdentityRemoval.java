package io.trt4j.convert.onnx.passes;

import io.trt4j.convert.onnx.ir.OnnxGraph;
import io.trt4j.convert.onnx.ir.OnnxNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Removes Identity nodes, rewiring their consumers to the identity's input. An identity that produces a graph output
 * is removed by making its input's producer write the output directly, when that is possible.
 *
 * <p>Thread-safety: stateless.
 */
public final class IdentityRemoval implements Pass {
    @Override
    public boolean run(OnnxGraph g) {
        boolean changed = false;
        Map<String, OnnxNode> producers = g.producers();
        Map<String, List<OnnxNode>> consumers = g.consumers();
        Iterator<OnnxNode> it = g.nodes().iterator();
        while (it.hasNext()) {
            OnnxNode n = it.next();
            if (!n.opType().equals("Identity")) {
                continue;
            }
            String in = n.input(0);
            String out = n.output(0);
            if (!g.isGraphOutput(out)) {
                g.replaceUses(out, in);
                it.remove();
                changed = true;
                continue;
            }
            OnnxNode p = producers.get(in);
            if (p == null || g.isGraphOutput(in)) {
                continue;
            }
            g.replaceUses(in, out);
            p.outputs().set(p.outputs().indexOf(in), out);
            producers.put(out, p);
            g.setShape(out, g.shape(out) != null ? g.shape(out) : g.shape(in));
            it.remove();
            changed = true;
            consumers.remove(in);
        }
        return changed;
    }
}
