package io.trt4j.image.gpu.internal;

import io.trt4j.core.cuda.CudaException;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The runtime library path on a real device: handles are real (non-NULL), unloading succeeds (it failed with 400
 * while handles reached CUDA as NULL), a refused launch and a missing entry point throw with the state a GPU log
 * needs. Skips (with the reason) where CUDA or NVRTC is unusable.
 */
@Tag("gpu")
class KernelLibraryGpuTest {
    @BeforeAll
    static void requireGpu() {
        String reason = Cuda.unavailableReason();
        System.out.println("KernelLibraryGpuTest: " + (reason == null ? "GPU available" : reason));
        assumeTrue(reason == null, reason);
    }

    @Test
    void loadsRealHandlesAndUnloadsCleanly() {
        KernelLibrary k = KernelLibrary.compileAndLoad(NormalizeKernel.SOURCE, "t.cu", NormalizeKernel.NAME);
        System.out.println("KernelLibraryGpuTest: " + k.describe(0));
        assertNotEquals(0L, k.libraryHandle());
        assertNotEquals(0L, k.kernelHandle());
        assertTrue(k.target().startsWith("sm_") || k.target().startsWith("compute_"), k.target());
        assertEquals(Cuda.currentDeviceOrMinusOne(), k.device());
        assertNull(k.unload());
        assertNull(k.unload(), "unload is idempotent");
        assertThrows(IllegalStateException.class, () -> k.launch(1, 32, 0));
    }

    @Test
    void refusedLaunchNamesTheState() {
        KernelLibrary k = KernelLibrary.compileAndLoad(NormalizeKernel.SOURCE, "t.cu", NormalizeKernel.NAME);
        try {
            // 4096 threads per block exceeds every device's limit; the arguments are valid (pixels = 0: no thread
            // would touch memory) in case a launch got through
            Pointer[] args = zeroArguments();
            CudaException e;
            try {
                e = assertThrows(CudaException.class, () -> k.launch(1, 4096, 0, args));
            } finally {
                for (Pointer a : args) {
                    a.close();
                }
            }
            String m = e.getMessage();
            System.out.println("KernelLibraryGpuTest: " + m);
            assertTrue(m.contains("cudaLaunchKernel(" + NormalizeKernel.NAME), m);
            assertTrue(m.contains("kernel " + Handles.hex(k.kernelHandle())), m);
            assertTrue(m.contains("loaded on device " + k.device()), m);
            assertTrue(m.contains("stream 0x0"), m);
            assertTrue(m.contains("runtime CUDA"), m);
        } finally {
            assertNull(k.unload());
        }
    }

    private static Pointer[] zeroArguments() {
        Pointer[] args = new Pointer[13];
        for (int i = 0; i < args.length; i++) {
            args[i] = i < 5 ? new LongPointer(1).put(0L) : new IntPointer(1).put(0);
        }
        return args;
    }

    @Test
    void missingEntryPointIsNamed() {
        CudaException e = assertThrows(CudaException.class,
                () -> KernelLibrary.compileAndLoad(NormalizeKernel.SOURCE, "t.cu", "no_such_kernel"));
        assertTrue(e.getMessage().contains("cudaLibraryGetKernel(no_such_kernel)"), e.getMessage());
        assertTrue(e.getMessage().contains("on device"), e.getMessage());
    }
}
