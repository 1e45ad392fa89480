package io.trt4j.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * {@link ScratchArrays}: exact and at-least matching, taken arrays are not handed out twice, the limits on what is
 * kept, bundles by predicate, and one instance per thread. Each test runs on a fresh thread, so it starts empty.
 */
class ScratchArraysTest {
    @Test
    void matchesByLengthAndHandsAnArrayOutOnce() throws Exception {
        onFreshThread(() -> {
            ScratchArrays s = ScratchArrays.ofThisThread();
            byte[] a = s.bytes(100);
            s.give(a);
            assertSame(a, s.bytes(100));
            assertNotSame(a, s.bytes(100)); // taken: a new one now
            s.give(a);
            assertNotSame(a, s.bytes(101)); // exact length only
            assertSame(a, s.bytesAtLeast(60)); // 100 fits 60 (at most twice)
            s.give(a);
            assertNotSame(a, s.bytesAtLeast(49)); // more than twice: a new array of exactly 49
            assertEquals(49, s.bytesAtLeast(49).length);
            assertNotSame(a, s.bytesAtLeast(101)); // too short
        });
    }

    @Test
    void keepsAtMostKeptArraysAndNoHugeOnes() throws Exception {
        onFreshThread(() -> {
            ScratchArrays s = ScratchArrays.ofThisThread();
            s.give(new byte[ScratchArrays.MAX_KEPT_BYTES + 1]);
            assertEquals(0, s.keptCount());
            byte[] first = new byte[10];
            s.give(first);
            for (int i = 0; i < ScratchArrays.KEPT; i++) {
                s.give(new byte[10]);
            }
            assertEquals(ScratchArrays.KEPT, s.keptCount());
            for (int i = 0; i < ScratchArrays.KEPT; i++) {
                assertNotSame(first, s.bytes(10)); // the oldest was dropped
            }
        });
    }

    @Test
    void keepsAtMostTheTotalBytesDroppingTheOldest() throws Exception {
        onFreshThread(() -> {
            ScratchArrays s = ScratchArrays.ofThisThread();
            int size = ScratchArrays.MAX_KEPT_BYTES; // the largest kept
            byte[] oldest = new byte[size];
            s.give(oldest);
            for (int i = 1; i * (long) size <= ScratchArrays.MAX_KEPT_TOTAL_BYTES; i++) {
                s.give(new byte[size]);
            }
            assertTrue(s.keptBytes() <= ScratchArrays.MAX_KEPT_TOTAL_BYTES, s.keptBytes() + " bytes kept");
            assertEquals(ScratchArrays.MAX_KEPT_TOTAL_BYTES / size, s.keptCount());
            for (int i = 0, n = s.keptCount(); i <= n; i++) {
                assertNotSame(oldest, s.bytes(size)); // the oldest was dropped to stay under the total
            }
            assertEquals(0, s.keptBytes());
        });
    }

    @Test
    void givingTheSameArrayTwiceIsABug() throws Exception {
        onFreshThread(() -> {
            ScratchArrays s = ScratchArrays.ofThisThread();
            byte[] a = new byte[4];
            s.give(a);
            assertThrows(IllegalStateException.class, () -> s.give(a));
        });
    }

    @Test
    void bundlesAreTakenByPredicateAndThreadsDoNotShare() throws Exception {
        StringBuilder bundle = new StringBuilder("bundle");
        onFreshThread(() -> {
            ScratchArrays s = ScratchArrays.ofThisThread();
            s.give(bundle, 64);
            assertNull(s.take(StringBuilder.class, b -> b.length() > 6));
            assertSame(bundle, s.take(StringBuilder.class, b -> b.length() == 6));
            assertNull(s.take(StringBuilder.class, b -> true));
            s.give(bundle, 64);
        });
        onFreshThread(() -> assertNull(ScratchArrays.ofThisThread().take(StringBuilder.class, b -> true)));
    }

    private static void onFreshThread(Runnable test) throws Exception {
        var one = Executors.newSingleThreadExecutor();
        try {
            one.submit(test).get();
        } finally {
            one.shutdown();
        }
    }
}
