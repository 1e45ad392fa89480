package io.trt4j.convert.tf;

import java.util.List;
import java.util.Objects;
import org.tensorflow.Session;
import org.tensorflow.proto.GraphDef;

/**
 * Freezes the graph of a live TensorFlow Java {@link Session}: the variables' current values (after initialization,
 * training or restore) become constants, the graph is pruned to the outputs. Useful for models built with TensorFlow
 * Java ops.
 *
 * <pre>{@code
 * FrozenGraph g = SessionFreezer.of(session).inputs("x:0").outputs("logits:0").freeze();
 * }</pre>
 *
 * <p>Thread-safety: not thread-safe; the session must not be mutated while freezing.
 */
public final class SessionFreezer extends ImportBuilder<SessionFreezer> {
    private final Session session;

    private SessionFreezer(Session session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /** A freezer for {@code session}'s graph. */
    public static SessionFreezer of(Session session) {
        return new SessionFreezer(session);
    }

    /**
     * Reads the variables and returns the frozen, pruned, validated graph.
     *
     * @throws ModelImportException if a variable cannot be read or cannot be turned into a constant
     * @throws IllegalArgumentException if an input or output name is not in the graph
     */
    /** Same as {@link #freeze()}. */
    @Override
    public FrozenGraph load() throws ModelImportException {
        return freeze();
    }

    public FrozenGraph freeze() throws ModelImportException {
        GraphDef g = session.graph().toGraphDef();
        GraphDef frozen = VariableFreezer.freeze(session, g, inputs, outputs, null);
        return GraphFinisher.finish(frozen, null, inputs, outputs == null ? null : List.copyOf(outputs), overrides);
    }
}
