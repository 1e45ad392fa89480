package io.trt4j.convert.tf;

/**
 * TensorFlow tensor names: {@code node:index}, where a bare {@code node} means {@code node:0}.
 *
 * <p>Thread-safety: stateless, safe to use from any thread.
 */
public final class TensorNames {
    private TensorNames() {
    }

    /** {@code "x"} becomes {@code "x:0"}; {@code "x:1"} stays. */
    public static String normalize(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty tensor name");
        }
        int colon = name.lastIndexOf(':');
        if (colon > 0 && colon < name.length() - 1 && name.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return name;
        }
        return name + ":0";
    }

    /** The node part of a tensor name. */
    public static String node(String tensor) {
        String t = normalize(tensor);
        return t.substring(0, t.lastIndexOf(':'));
    }

    /** The output index of a tensor name (0 for a bare node name). */
    public static int index(String tensor) {
        String t = normalize(tensor);
        return Integer.parseInt(t.substring(t.lastIndexOf(':') + 1));
    }
}
