package io.trt4j.core;

import static io.trt4j.core.TestEngines.CIN;
import static io.trt4j.core.TestEngines.COUT;
import static io.trt4j.core.TestEngines.FEATURES;
import static io.trt4j.core.TestEngines.H;
import static io.trt4j.core.TestEngines.HP;
import static io.trt4j.core.TestEngines.POOLED;
import static io.trt4j.core.TestEngines.W;
import static io.trt4j.core.TestEngines.WP;
import static io.trt4j.core.TestEngines.X;
import static io.trt4j.core.TestEngines.Z;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.core.cuda.CudaDevice;
import io.trt4j.core.cuda.CudaStream;
import io.trt4j.core.cuda.DeviceBuffer;
import io.trt4j.core.cuda.MemoryStats;
import io.trt4j.core.cuda.PinnedBuffer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Create/run/close cycles leave device memory flat. Cycle counts: -Dtrt4j.stress.cycles (default 100000). */
@Tag("gpu")
class LifecycleStressGpuTest {
    static Engine engine;
    static final long SLACK = 32L << 20;

    @BeforeAll
    static void setUp() {
        GpuAssume.gpu();
        engine = Engine.load(TestEngines.plan());
    }

    @AfterAll
    static void tearDown() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void contextCyclesLeaveMemoryFlat() {
        int cycles = Integer.getInteger("trt4j.stress.cycles", 100_000);
        int n = 2;
        float[] x = TestEngines.x(n, 9);
        float[] z = TestEngines.z(n, 9);
        float[] want = TestEngines.pooled(TestEngines.features(x, n), z, n);
        CudaDevice device = CudaDevice.current();
        try (CudaStream stream = CudaStream.create();
                DeviceBuffer dx = DeviceBuffer.allocate(x.length * 4L);
                DeviceBuffer dz = DeviceBuffer.allocate(z.length * 4L);
                DeviceBuffer df = DeviceBuffer.allocate(n * COUT * H * W * 4L);
                DeviceBuffer dp = DeviceBuffer.allocate(want.length * 4L);
                PinnedBuffer host = PinnedBuffer.allocate(Math.max(x.length, want.length) * 4L)) {
            host.asFloatBuffer().put(x);
            dx.copyFromAsync(host, 0, 0, x.length * 4L, stream);
            host.asFloatBuffer().put(z);
            dz.copyFromAsync(host, 0, 0, z.length * 4L, stream);
            stream.synchronize();
            for (int i = 0; i < 100; i++) {
                cycle(stream, dx, dz, df, dp, n);
            }
            device.synchronize();
            long freeBefore = device.freeMemory();
            MemoryStats statsBefore = MemoryStats.current();
            long t0 = System.nanoTime();
            for (int i = 0; i < cycles; i++) {
                cycle(stream, dx, dz, df, dp, n);
            }
            device.synchronize();
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            long freeAfter = device.freeMemory();
            System.out.println(cycles + " context cycles in " + seconds + " s; free device memory " + freeBefore
                    + " -> " + freeAfter);
            assertEquals(statsBefore, MemoryStats.current());
            assertTrue(freeAfter >= freeBefore - SLACK, "device memory leaked: " + freeBefore + " -> " + freeAfter);
            assertTrue(engine.openContexts().isEmpty());
            dp.copyToAsync(host, 0, 0, want.length * 4L, stream);
            stream.synchronize();
            float[] got = new float[want.length];
            host.asFloatBuffer().get(got);
            TestEngines.assertClose(want, got, 1e-4, "after " + cycles + " cycles");
        }
    }

    private static void cycle(CudaStream stream, DeviceBuffer dx, DeviceBuffer dz, DeviceBuffer df, DeviceBuffer dp,
            int n) {
        try (ExecutionContext ctx = engine.newContext()) {
            ctx.setInputShape(X, Shape.of(n, CIN, H, W));
            ctx.setInputShape(Z, Shape.of(n, COUT, HP, WP));
            ctx.setTensorAddress(X, dx);
            ctx.setTensorAddress(Z, dz);
            ctx.setTensorAddress(FEATURES, df);
            ctx.setTensorAddress(POOLED, dp);
            ctx.enqueue(stream);
            stream.synchronize();
        }
    }

    @Test
    void sessionCyclesLeaveMemoryFlat() {
        int cycles = Integer.getInteger("trt4j.stress.sessionCycles", 2_000);
        Map<String, Tensor> in = InferenceSessionGpuTest.inputs(3, 4);
        CudaDevice device = CudaDevice.current();
        for (int i = 0; i < 20; i++) {
            try (InferenceSession s = engine.newSession().build()) {
                s.run(in);
            }
        }
        long freeBefore = device.freeMemory();
        MemoryStats statsBefore = MemoryStats.current();
        Map<String, Tensor> out = null;
        for (int i = 0; i < cycles; i++) {
            try (InferenceSession s = engine.newSession().useCudaGraph(i % 2 == 0).build()) {
                out = s.run(in);
                if (i % 2 == 0) {
                    out = s.run(in);
                }
            }
        }
        long freeAfter = device.freeMemory();
        System.out.println(cycles + " session cycles; free device memory " + freeBefore + " -> " + freeAfter);
        assertEquals(statsBefore, MemoryStats.current());
        assertTrue(freeAfter >= freeBefore - SLACK, "device memory leaked: " + freeBefore + " -> " + freeAfter);
        InferenceSessionGpuTest.check(3, 4, out);
    }
}
