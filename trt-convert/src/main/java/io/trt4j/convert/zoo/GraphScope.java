package io.trt4j.convert.zoo;

import java.util.HashSet;
import java.util.Set;
import org.tensorflow.op.Ops;

/**
 * A TensorFlow name scope together with its path ({@code InceptionV3/Mixed_5b/Branch_1}), so that weight tensors can
 * be seeded by the full name of the constant they become.
 *
 * <p>TensorFlow Java makes a sub-scope name unique by suffixing it when it is opened twice; this class refuses to
 * open the same child (or name the same op) twice instead, so graph names always equal {@link #path()} + name.
 *
 * <p>Thread-safety: not thread-safe; used by one model construction at a time.
 */
final class GraphScope {
    private final Ops ops;
    private final String path;
    private final Set<String> children = new HashSet<>();

    private GraphScope(Ops ops, String path) {
        this.ops = ops;
        this.path = path;
    }

    /** The root scope of a graph's {@link Ops}. */
    static GraphScope root(Ops ops) {
        return new GraphScope(ops, "");
    }

    /** A child scope; each name may be opened once per scope. */
    GraphScope child(String name) {
        if (!children.add(name)) {
            throw new IllegalStateException("scope " + qualified(name) + " opened twice");
        }
        return new GraphScope(ops.withSubScope(name), qualified(name));
    }

    /** An {@link Ops} whose next op gets exactly {@code name} in this scope; each name may be used once. */
    Ops named(String name) {
        if (!children.add(name)) {
            throw new IllegalStateException("name " + qualified(name) + " used twice");
        }
        return ops.withName(name);
    }

    /** The full graph name of {@code name} in this scope. */
    String qualified(String name) {
        return path.isEmpty() ? name : path + "/" + name;
    }

    /** This scope's path, empty for the root. */
    String path() {
        return path;
    }
}
