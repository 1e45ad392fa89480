package io.trt4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NativeResourceTest {
    static final class Thing extends NativeResource {
        volatile boolean refuse;

        Thing(AtomicInteger frees, LeakPolicy policy) {
            super("Thing", "#1", frees::incrementAndGet, policy);
        }

        void use(Runnable r) {
            beginUse();
            try {
                r.run();
            } finally {
                endUse();
            }
        }

        @Override
        protected void checkClosable() {
            if (refuse) {
                throw new IllegalStateException("Thing #1 has open children: a, b");
            }
        }
    }

    @Test
    void closeIsIdempotentAndLaterUseFails() {
        AtomicInteger frees = new AtomicInteger();
        Thing t = new Thing(frees, NativeResource.LeakPolicy.WARN_AND_FREE);
        assertFalse(t.isClosed());
        t.close();
        t.close();
        assertEquals(1, frees.get());
        assertTrue(t.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.use(() -> { }));
        assertEquals("Thing #1 has been closed", e.getMessage());
    }

    @Test
    void closeWaitsForInFlightUse() throws Exception {
        AtomicInteger frees = new AtomicInteger();
        Thing t = new Thing(frees, NativeResource.LeakPolicy.WARN_AND_FREE);
        CountDownLatch inUse = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean freedDuringUse = new AtomicBoolean();
        Thread user = new Thread(() -> t.use(() -> {
            inUse.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            freedDuringUse.set(frees.get() > 0);
        }));
        user.start();
        assertTrue(inUse.await(5, TimeUnit.SECONDS));
        Thread closer = new Thread(t::close);
        closer.start();
        closer.join(200);
        assertTrue(closer.isAlive(), "close must wait for the use in flight");
        assertEquals(0, frees.get());
        release.countDown();
        closer.join(5000);
        user.join(5000);
        assertFalse(closer.isAlive());
        assertFalse(freedDuringUse.get());
        assertEquals(1, frees.get());
    }

    @Test
    void refusedCloseLeavesTheResourceOpen() {
        AtomicInteger frees = new AtomicInteger();
        Thing t = new Thing(frees, NativeResource.LeakPolicy.WARN_AND_FREE);
        t.refuse = true;
        IllegalStateException e = assertThrows(IllegalStateException.class, t::close);
        assertTrue(e.getMessage().contains("a, b"));
        assertFalse(t.isClosed());
        t.use(() -> { });
        t.refuse = false;
        t.close();
        assertEquals(1, frees.get());
    }

    @Test
    void garbageCollectedResourceIsFreedOrLeakedByPolicy() throws Exception {
        AtomicInteger freed = new AtomicInteger();
        AtomicInteger leaked = new AtomicInteger();
        new Thing(freed, NativeResource.LeakPolicy.WARN_AND_FREE);
        new Thing(leaked, NativeResource.LeakPolicy.WARN_AND_LEAK);
        for (int i = 0; i < 200 && freed.get() == 0; i++) {
            System.gc();
            byte[][] pressure = new byte[64][];
            for (int j = 0; j < pressure.length; j++) {
                pressure[j] = new byte[1 << 16];
            }
            Thread.sleep(20);
        }
        assertEquals(1, freed.get(), "the cleaner frees an unclosed WARN_AND_FREE resource");
        Thread.sleep(100);
        assertEquals(0, leaked.get(), "a WARN_AND_LEAK resource is only reported");
    }

    @Test
    void loggerCaptureCollectsErrorsAndWarningsPerThread() throws Exception {
        int outer = TrtLogging.beginCapture();
        TrtLogging.dispatch(1, "bad magic");
        int inner = TrtLogging.beginCapture();
        TrtLogging.dispatch(2, "old version");
        TrtLogging.dispatch(3, "just info");
        TrtLogging.dispatch(4, "verbose");
        List<String> innerMsgs = TrtLogging.endCapture(inner);
        Thread other = new Thread(() -> TrtLogging.dispatch(0, "other thread"));
        other.start();
        other.join();
        List<String> outerMsgs = TrtLogging.endCapture(outer);
        assertEquals(List.of("WARNING: old version"), innerMsgs);
        assertEquals(List.of("ERROR: bad magic", "WARNING: old version"), outerMsgs);
        int again = TrtLogging.beginCapture();
        assertEquals(List.of(), TrtLogging.endCapture(again));
    }
}
