package io.trt4j.core.internal;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.tensorrt.nvinfer.ILogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge from TensorRT's {@code ILogger} to SLF4J (logger name {@code io.trt4j.tensorrt}), plus per-thread
 * capture of TensorRT's error and warning messages so that a failing call can quote them in its exception.
 *
 * <p>Severity mapping: {@code kINTERNAL_ERROR}, {@code kERROR} → ERROR; {@code kWARNING} → WARN; {@code kINFO} →
 * DEBUG (TensorRT's info level reports memory statistics on every context creation: noise at INFO);
 * {@code kVERBOSE} → TRACE.
 *
 * <p>Other modules (the engine builder) pass {@link #logger()} to {@code createInferBuilder} /
 * {@code createInferRuntime}. One instance lives for the whole process (strongly referenced here), because TensorRT
 * keeps the pointer.
 *
 * <p>Thread-safety: thread-safe; TensorRT may call {@code log} from any thread.
 */
public final class TrtLogging {
    /** The SLF4J logger TensorRT's messages go to. */
    public static final String LOGGER_NAME = "io.trt4j.tensorrt";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
    private static final ThreadLocal<Capture> CAPTURE = ThreadLocal.withInitial(Capture::new);
    private static volatile Slf4jLogger instance;

    private TrtLogging() {
    }

    /**
     * The process-wide TensorRT logger.
     *
     * @throws io.trt4j.core.GpuUnavailableException if TensorRT cannot be loaded
     */
    public static ILogger logger() {
        Slf4jLogger l = instance;
        if (l == null) {
            synchronized (TrtLogging.class) {
                l = instance;
                if (l == null) {
                    Natives.require();
                    l = new Slf4jLogger();
                    instance = l;
                }
            }
        }
        return l;
    }

    /**
     * Starts capturing the errors and warnings TensorRT logs on the calling thread. Captures nest; allocation-free
     * unless something is logged.
     *
     * @return a mark for {@link #endCapture(int)}
     */
    public static int beginCapture() {
        Capture c = CAPTURE.get();
        c.depth++;
        return c.messages.size();
    }

    /**
     * Ends a capture started with {@link #beginCapture()}.
     *
     * @param mark what {@code beginCapture} returned
     * @return the messages logged since, oldest first, prefixed with their severity (an immutable empty list if none)
     */
    public static List<String> endCapture(int mark) {
        Capture c = CAPTURE.get();
        int size = c.messages.size();
        List<String> out = size <= mark ? List.of() : new ArrayList<>(c.messages.subList(mark, size));
        if (--c.depth <= 0) {
            c.depth = 0;
            c.messages.clear();
        }
        return out;
    }

    /** The messages captured since {@code mark}, without ending the capture. */
    public static List<String> peekCapture(int mark) {
        Capture c = CAPTURE.get();
        int size = c.messages.size();
        return size <= mark ? List.of() : new ArrayList<>(c.messages.subList(mark, size));
    }

    static void dispatch(int severity, String msg) {
        switch (severity) {
            case 0, 1 -> {
                LOG.error("{}", msg);
                record("ERROR: " + msg);
            }
            case 2 -> {
                LOG.warn("{}", msg);
                record("WARNING: " + msg);
            }
            case 3 -> LOG.debug("{}", msg);
            default -> LOG.trace("{}", msg);
        }
    }

    private static void record(String msg) {
        Capture c = CAPTURE.get();
        if (c.depth > 0 && c.messages.size() < 1000) {
            c.messages.add(msg);
        }
    }

    private static final class Capture {
        final ArrayList<String> messages = new ArrayList<>();
        int depth;
    }

    private static final class Slf4jLogger extends ILogger {
        @Override
        public void log(ILogger.Severity severity, String msg) {
            try {
                dispatch(severity == null ? 4 : severity.value, msg);
            } catch (Throwable t) {
                // never let an exception cross back into TensorRT
            }
        }
    }
}
