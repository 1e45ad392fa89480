package io.trt4j.image.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link VectorWarmupRunner#slowKernels}, the later check that sends a family back to its scalar code: a "vector"
 * kernel doing 20 times its original's work is named, one doing a quarter of it is not (margins far from the 1.5
 * threshold, so machine load cannot turn the answer).
 */
class VectorWarmupRunnerTest {
    /** Kernel 0's vector version is 20 times slower than its scalar one, kernel 1's four times faster. */
    private static final class Fake implements VectorWarmupRunner.Kernels {
        long sink;

        @Override
        public String[] names() {
            return new String[] {"boxed", "compiled"};
        }

        @Override
        public void call(int k, boolean vector, int i) {
            int work = k == 0 ? (vector ? 4000 : 200) : (vector ? 200 : 800);
            long x = sink + i;
            for (int j = 0; j < work; j++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink = x;
        }
    }

    @Test
    void namesTheKernelsSlowerThanTheirScalarOriginals() {
        Fake fake = new Fake();
        for (int warm = 0; warm < 20; warm++) { // let the JIT compile the fake kernels first
            VectorWarmupRunner.slowKernels(fake);
        }
        String slow = VectorWarmupRunner.slowKernels(fake);
        assertNotNull(slow);
        assertTrue(slow.startsWith("boxed "), slow);
        assertFalse(slow.contains("compiled"), slow);
    }
}
