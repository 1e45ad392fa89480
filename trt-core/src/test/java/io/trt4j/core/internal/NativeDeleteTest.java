package io.trt4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;

/**
 * Exercises NativeDelete's reflective path on JavaCPP's own allocations (no CUDA or TensorRT needed): the deallocation
 * function of one Java-allocated array frees another array through JavaCPP's trampoline.
 */
class NativeDeleteTest {
    @Test
    void deallocatorOfOneAllocationFreesAnother() throws Exception {
        BytePointer donor = new BytePointer(64);
        long fn = NativeDelete.deallocatorFunction(donor);
        assertNotEquals(0L, fn, "JavaCPP attaches a native deallocator to Java allocations");
        BytePointer victim = new BytePointer(128);
        victim.put(0, (byte) 1);
        long address = victim.address();
        victim.deallocate(false); // JavaCPP forgets it; we free it
        NativeDelete.callDeallocator(fn, address);
        donor.close();
        assertTrue(donor.isNull());
    }

    @Test
    void nullAndAlreadyNullPointersAreIgnored() {
        NativeDelete.delete(null);
        NativeDelete.delete(new BytePointer((org.bytedeco.javacpp.Pointer) null));
    }
}
