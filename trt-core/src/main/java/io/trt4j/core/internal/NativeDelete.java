package io.trt4j.core.internal;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
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
 * <p>Abstract interfaces that JavaCPP cannot allocate (so there is no deallocator to borrow; {@code IParser}) are
 * deleted through their own vtable instead: {@link #deleteVirtual}.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class NativeDelete {
    private static final Logger LOG = LoggerFactory.getLogger(NativeDelete.class);
    private static final Map<Class<?>, Long> DELETERS = new ConcurrentHashMap<>();
    private static volatile Method trampoline;
    private static volatile Object trampolineTarget;
    private static volatile boolean warned;
    private static final AtomicLong LEAKED = new AtomicLong();
    private static volatile Pointer trampolineDonor;

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
            leak(p, e);
        }
    }

    /**
     * C++ {@code delete} of an object whose JavaCPP class has no deallocator (an abstract TensorRT interface, such as
     * {@code nvonnxparser::IParser}), through the object's virtual deleting destructor. In the Itanium C++ ABI (Linux)
     * a virtual destructor takes two consecutive vtable slots: the complete-object destructor, then the deleting
     * destructor, which runs it and frees the object with the right {@code operator delete}, as {@code delete p}
     * does. Before calling anything this checks, on x86-64, that both slot functions are destructors of the object's
     * own class: each stores the object's vtable pointer back into the object near its start (a RIP-relative
     * {@code lea} of that very address, {@link #referencesAddress}), which a constructor or a destructor does and no
     * other virtual method does. If that check fails (another platform, compiler or layout), the object is leaked
     * with one WARN: never a blind call.
     *
     * @param p              the object (no-op for null); not used afterwards
     * @param destructorSlot the vtable index of its complete-object destructor (the interface's count of virtual
     *                       methods declared before its destructor)
     * @return whether the object was deleted
     */
    public static boolean deleteVirtual(Pointer p, int destructorSlot) {
        if (p == null || p.isNull()) {
            return false;
        }
        try {
            if (!"linux-x86_64".equals(Loader.getPlatform())) {
                throw new IllegalStateException("vtable deletion is checked on linux-x86_64 only, not on "
                        + Loader.getPlatform());
            }
            long object = p.address();
            long vptr = readLong(object);
            long complete = readLong(vptr + 8L * destructorSlot);
            long deleting = readLong(vptr + 8L * (destructorSlot + 1));
            if (complete == 0 || deleting == 0 || complete == deleting
                    || !referencesAddress(code(complete), complete, vptr)
                    || !referencesAddress(code(deleting), deleting, vptr)) {
                throw new IllegalStateException("vtable slots " + destructorSlot + " and " + (destructorSlot + 1)
                        + " of " + p.getClass().getSimpleName() + " are not its destructors");
            }
            trampoline();
            callDeallocator(deleting, object);
            p.setNull();
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            leak(p, e);
            return false;
        }
    }

    /** Native objects this class could not delete (and left allocated) since the JVM started. */
    public static long leaked() {
        return LEAKED.get();
    }

    private static void leak(Pointer p, Exception why) {
        LEAKED.incrementAndGet();
        if (!warned) {
            warned = true;
            LOG.warn("cannot delete native {} objects; they are leaked", p.getClass().getSimpleName(), why);
        }
    }

    /** Bytes examined at the start of a destructor for the store of the vtable pointer. */
    private static final int PROLOGUE_BYTES = 64;

    /**
     * Whether the x86-64 code {@code code} (loaded at {@code codeAddress}) holds a RIP-relative {@code lea} of
     * {@code target} into a 64-bit register ({@code REX.W [+R] 8D /r} with mod 00, r/m 101: disp32 from the end of
     * the 7-byte instruction).
     */
    static boolean referencesAddress(byte[] code, long codeAddress, long target) {
        for (int i = 0; i + 7 <= code.length; i++) {
            int rex = code[i] & 0xFF;
            if ((rex == 0x48 || rex == 0x4C) && (code[i + 1] & 0xFF) == 0x8D && (code[i + 2] & 0xC7) == 0x05) {
                int disp = (code[i + 3] & 0xFF) | (code[i + 4] & 0xFF) << 8 | (code[i + 5] & 0xFF) << 16
                        | code[i + 6] << 24;
                if (codeAddress + i + 7 + disp == target) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The {@link #PROLOGUE_BYTES} bytes of native memory at {@code where}. */
    static byte[] code(long where) {
        byte[] b = new byte[PROLOGUE_BYTES];
        new BytePointer(at(where)).get(b, 0, b.length);
        return b;
    }

    /** The 64-bit word of native memory at {@code where}. */
    static long readLong(long where) {
        return new LongPointer(at(where)).get(0);
    }

    /** A JavaCPP pointer to {@code where} that owns nothing. */
    private static Pointer at(long where) {
        if (where == 0) {
            throw new IllegalStateException("null address");
        }
        return new RawAddress(where);
    }

    /** A named subclass, so that the constructor's parameter cannot be shadowed by the inherited field. */
    private static final class RawAddress extends Pointer {
        RawAddress(long where) {
            address = where;
        }
    }

    /** Sets up JavaCPP's deallocation trampoline (from a throw-away allocation) if no deletion has yet. */
    private static void trampoline() throws ReflectiveOperationException {
        if (trampoline == null) {
            BytePointer donor = new BytePointer(1);
            deallocatorFunction(donor);
            trampolineDonor = donor; // kept, as the dummies of deleterOf
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
