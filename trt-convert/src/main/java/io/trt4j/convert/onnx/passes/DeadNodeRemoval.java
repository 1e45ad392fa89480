package io.trt4j.convert.onnx.passes;

import io.trt4j.convert.onnx.ir.OnnxGraph;
import io.trt4j.convert.onnx.ir.OnnxNode;
import io.trt4j.convert.onnx.proto.Onnx.ValueInfoProto;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Removes nodes and initializers that no graph output depends on.
 *
 * <p>Thread-safety: stateless.
 */
public final class DeadNodeRemoval implements Pass {
    @Override
    public boolean run(OnnxGraph g) {
        Map<String, OnnxNode> producers = g.producers();
        Set<String> live = new HashSet<>();
        Set<OnnxNode> liveNodes = new HashSet<>();
        Deque<String> work = new ArrayDeque<>();
        for (ValueInfoProto o : g.outputs()) {
            work.add(o.getName());
        }
        while (!work.isEmpty()) {
            String v = work.poll();
            if (v.isEmpty() || !live.add(v)) {
                continue;
            }
            OnnxNode p = producers.get(v);
            if (p != null && liveNodes.add(p)) {
                work.addAll(p.inputs());
            }
        }
        int before = g.nodes().size() + g.initializers().size();
        g.nodes().removeIf(n -> !liveNodes.contains(n));
        g.initializers().keySet().removeIf(k -> !live.contains(k));
        return g.nodes().size() + g.initializers().size() != before;
    }
}
