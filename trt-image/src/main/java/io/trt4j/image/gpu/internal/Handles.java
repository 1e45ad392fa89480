package io.trt4j.image.gpu.internal;

import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.Pointer;

/**
 * Turns raw CUDA handle values ({@code long}) into the JavaCPP objects the presets take, keeping the value.
 *
 * <p>Why a named class: in an anonymous {@code new Pointer() {{ address = address; }}} the inherited field
 * {@code address} shadows the enclosing method's parameter of the same name, so the initializer assigns the field
 * to itself and every handle silently becomes NULL (CUDA then answers 400, invalid resource handle, or uses the
 * legacy default stream). Here the value travels through a constructor parameter that nothing shadows.
 *
 * <p>Thread-safety: stateless; every call returns a new object.
 */
public final class Handles {
    private Handles() {
    }

    /** A pointer object whose address is {@code value}, position/limit/capacity 0, owning nothing. */
    static final class RawHandle extends Pointer {
        RawHandle(long value) {
            this.address = value;
        }
    }

    /** A {@code CUstream_st*} / {@code cudaStream_t} holding {@code handle} (0: the legacy default stream). */
    public static CUstream_st stream(long handle) {
        return new CUstream_st(new RawHandle(handle));
    }

    /** A {@code void*} holding {@code address}. */
    public static Pointer pointer(long address) {
        return new RawHandle(address);
    }

    /** {@code 0x...} of a handle value, for messages. */
    public static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
