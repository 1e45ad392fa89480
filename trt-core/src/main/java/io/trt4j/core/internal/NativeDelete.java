package io.trt4j.core.internal;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * C++ {@code delete} for TensorRT objects returned by native calls ({@code ICudaEngine}, {@code IExecutionContext},
 * {@code IRuntime}, {@code IHostMemory}, {@code IBuilder}, ...). TensorRT 10 destroys objects with {@code delete}
 * (virtual destructors), but JavaCPP attaches a deallocator only to objects allocated from Java.
 *
 * <p>How: JavaCPP generates, for each class with a public destructor, a native function
 * {@code void deallocate(void* p) { delete (T*) p; }} and attaches it to Java-allocated instances. We allocate one
 * throw-away instance of the class (never freed: a few bytes per class), read that function's address from its
 * deallocator, and call it on the TensorRT-created object through JavaCPP's own native trampoline
 * ({@code Pointer.NativeDeallocator.deallocate(long owner, long function)}). {@code delete} on a pointer of the static
 * type dispatches through the virtual destructor, exactly as {@code std::unique_ptr<ICudaEngine>} does in C++.
 *
 * <p>Should reflection ever fail (another JavaCPP version), the object is leaked with one WARN, never crashed on.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class NativeDelete {
    private static final Logger LOG = LoggerFactory.getLogger(NativeDelete.class);
    private static final Map<Class<?>, Long> DELETERS = new ConcurrentHashMap<>();
    private static volatile Method trampoline;
    private static volatile Object trampolineTarget;
    private static volatile boolean warned;

    private NativeDelete() {
    }

    /**
     * Deletes the C++ object {@code p} points to (no-op for null); {@code p} must not be used afterwards.
     *
     * @param p a TensorRT object returned by a native call, of its exact JavaCPP class
     */
    public static void delete(Pointer p) {
        if (p == null || p.isNull()) {
            return;
        }
        long address = p.address();
        try {
            long fn = DELETERS.computeIfAbsent(p.getClass(), NativeDelete::deleterOf);
            if (fn == 0) {
                throw new IllegalStateException("no native deallocator for " + p.getClass().getName());
            }
            callDeallocator(fn, address);
            p.setNull();
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn("cannot delete native {} objects; they are leaked", p.getClass().getSimpleName(), e);
            }
        }
    }

    private static long deleterOf(Class<?> cls) {
        try {
            Pointer dummy = (Pointer) cls.getDeclaredConstructor().newInstance();
            long fn = deallocatorFunction(dummy);
            // keep the dummy alive forever and never free it: its destructor never runs on a half-made object
            dummy.deallocate(false);
            KEEP.put(cls, dummy);
            return fn;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot find the native deallocator of " + cls.getName(), e);
        }
    }

    /**
     * The native deallocation function JavaCPP attached to a Java-allocated pointer (0 if none), and sets up the
     * trampoline that calls such functions.
     */
    static long deallocatorFunction(Pointer javaAllocated) throws ReflectiveOperationException {
        Pointer dummy = javaAllocated;
        {
            Method deallocatorGetter = Pointer.class.getDeclaredMethod("deallocator");
            deallocatorGetter.setAccessible(true);
            Object deallocator = deallocatorGetter.invoke(dummy);
            Class<?> nativeDeallocator = Class.forName("org.bytedeco.javacpp.Pointer$NativeDeallocator");
            if (deallocator != null && !nativeDeallocator.isInstance(deallocator)) {
                // a wrapping DeallocatorReference: look inside
                java.lang.reflect.Field inner = Class.forName("org.bytedeco.javacpp.Pointer$DeallocatorReference")
                        .getDeclaredField("deallocator");
                inner.setAccessible(true);
                deallocator = inner.get(deallocator);
            }
            if (!nativeDeallocator.isInstance(deallocator)) {
                return 0;
            }
            Method addressGetter = nativeDeallocator.getDeclaredMethod("deallocatorAddress");
            addressGetter.setAccessible(true);
            long fn = (Long) addressGetter.invoke(deallocator);
            synchronized (NativeDelete.class) {
                if (trampoline == null) {
                    Method m = nativeDeallocator.getDeclaredMethod("deallocate", long.class, long.class);
                    m.setAccessible(true);
                    trampolineTarget = deallocator;
                    trampoline = m;
                }
            }
            return fn;
        }
    }

    /** Calls native deallocation function {@code fn} on {@code address} through JavaCPP's trampoline. */
    static void callDeallocator(long fn, long address) throws ReflectiveOperationException {
        trampoline.invoke(trampolineTarget, address, fn);
    }

    private static final Map<Class<?>, Pointer> KEEP = new ConcurrentHashMap<>();
}
