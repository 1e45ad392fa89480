package io.trt4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
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

    /** The destructor check: a RIP-relative lea of the vtable address, in any register, anywhere in the prologue. */
    @Test
    void ripRelativeLeaOfTheVtableIsFound() {
        long code = 0x80680;
        long vtable = 0x5d4148;
        // lea 0x553ac0(%rip),%rax at offset 1 (7 bytes, ends at 0x80688): 0x80688 + 0x553ac0 = 0x5d4148
        byte[] bytes = new byte[64];
        bytes[0] = 0x55; // push %rbp
        byte[] lea = {0x48, (byte) 0x8D, 0x05, (byte) 0xC0, 0x3A, 0x55, 0x00};
        System.arraycopy(lea, 0, bytes, 1, lea.length);
        assertTrue(NativeDelete.referencesAddress(bytes, code, vtable));
        assertFalse(NativeDelete.referencesAddress(bytes, code, vtable + 8), "another address");
        assertFalse(NativeDelete.referencesAddress(bytes, code + 1, vtable), "another load address");
        bytes[3] = 0x0D; // %rcx
        assertTrue(NativeDelete.referencesAddress(bytes, code, vtable));
        bytes[1] = 0x4C; // %r9
        assertTrue(NativeDelete.referencesAddress(bytes, code, vtable));
        bytes[3] = 0x45; // mod 01: [%rbp + disp8], not RIP-relative
        assertFalse(NativeDelete.referencesAddress(bytes, code, vtable));
        // a negative displacement: code above the vtable
        long high = 0x700000;
        int disp = (int) (vtable - (high + 7));
        byte[] back = {0x48, (byte) 0x8D, 0x05, (byte) disp, (byte) (disp >> 8), (byte) (disp >> 16), (byte) (disp >> 24)};
        assertTrue(NativeDelete.referencesAddress(back, high, vtable));
    }

    /** The raw reads deleteVirtual makes: a word and a code prologue at an address. */
    @Test
    void readsNativeMemoryAtAnAddress() {
        LongPointer words = new LongPointer(10);
        words.put(0, 0x1122334455667788L);
        for (int i = 1; i < 10; i++) {
            words.put(i, i);
        }
        assertEquals(0x1122334455667788L, NativeDelete.readLong(words.address()));
        assertEquals(3L, NativeDelete.readLong(words.address() + 24));
        byte[] bytes = NativeDelete.code(words.address());
        assertEquals((byte) 0x88, bytes[0]); // little-endian
        assertEquals((byte) 0x11, bytes[7]);
        assertEquals(1, bytes[8]);
        words.close();
    }

    /**
     * An object whose vtable slots do not point at its destructors (here: zeroed code) is left alone: counted as
     * leaked, nothing called.
     */
    @Test
    void aVtableThatFailsTheCheckIsNeverCalled() {
        BytePointer code = new BytePointer(64);
        code.zero();
        LongPointer vtable = new LongPointer(12);
        for (int i = 0; i < 12; i++) {
            vtable.put(i, code.address());
        }
        LongPointer object = new LongPointer(2);
        object.put(0, vtable.address());
        long before = NativeDelete.leaked();
        assertFalse(NativeDelete.deleteVirtual(object, 8));
        assertEquals(before + 1, NativeDelete.leaked());
        assertFalse(object.isNull(), "still owned by JavaCPP");
        object.close();
        vtable.close();
        code.close();
    }
}
