package io.trt4j.cli;

/**
 * Turns exceptions into one-line messages for the terminal.
 *
 * <p>Thread-safety: stateless.
 */
final class Messages {
    private Messages() {
    }

    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Throwable t = e;
        while (t != null) {
            if (sb.length() > 0) {
                sb.append(" (caused by ");
            }
            String msg = t.getMessage();
            sb.append(t.getClass().getSimpleName()).append(msg == null ? "" : ": " + msg);
            t = t.getCause() == t ? null : t.getCause();
        }
        return sb.toString();
    }
}
