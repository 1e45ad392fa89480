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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.core.cuda.CudaEvent;
import io.trt4j.core.cuda.CudaStream;
import io.trt4j.core.cuda.DeviceBuffer;
import io.trt4j.core.cuda.PinnedBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("gpu")
class ExecutionContextGpuTest {
    static Engine engine;

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

    static ByteBuffer floats(float[] data) {
        ByteBuffer b = ByteBuffer.allocateDirect(data.length * 4).order(ByteOrder.nativeOrder());
        b.asFloatBuffer().put(data);
        return b;
    }

    @Test
    void runsWithDeviceBuffersAndMatchesTheReference() {
        int n = 3;
        float[] x = TestEngines.x(n, 1);
        float[] z = TestEngines.z(n, 1);
        float[] feat = TestEngines.features(x, n);
        float[] pooled = TestEngines.pooled(feat, z, n);
        try (ExecutionContext ctx = engine.newContext();
                CudaStream stream = CudaStream.create();
                CudaEvent start = CudaEvent.create();
                CudaEvent end = CudaEvent.create();
                DeviceBuffer dx = DeviceBuffer.allocate(x.length * 4L);
                DeviceBuffer dz = DeviceBuffer.allocate(z.length * 4L);
                DeviceBuffer df = DeviceBuffer.allocate(feat.length * 4L);
                DeviceBuffer dp = DeviceBuffer.allocate(pooled.length * 4L);
                PinnedBuffer hx = PinnedBuffer.allocate(x.length * 4L);
                PinnedBuffer hp = PinnedBuffer.allocate(pooled.length * 4L)) {
            assertEquals(0, ctx.optimizationProfile());
            ctx.setInputShape(X, Shape.of(n, CIN, H, W));
            ctx.setInputShape(Z, Shape.of(n, COUT, HP, WP));
            assertTrue(ctx.allInputShapesSpecified());
            assertEquals(Shape.of(n, COUT, H, W), ctx.outputShape(FEATURES));
            assertEquals(Shape.of(n, COUT, HP, WP), ctx.outputShape(POOLED));
            ctx.setTensorAddress(X, dx);
            ctx.setTensorAddress(Z, dz);
            ctx.setTensorAddress(FEATURES, df);
            ctx.setTensorAddress(POOLED, dp.address());
            hx.asFloatBuffer().put(x);
            dx.copyFromAsync(hx, 0, 0, x.length * 4L, stream);
            dz.copyFrom(floats(z));
            start.record(stream);
            ctx.enqueue(stream);
            end.record(stream);
            dp.copyToAsync(hp, 0, 0, pooled.length * 4L, stream);
            stream.synchronize();
            end.synchronize();
            assertTrue(end.elapsedMillis(start) >= 0);
            float[] gotPooled = new float[pooled.length];
            hp.asFloatBuffer().get(gotPooled);
            TestEngines.assertClose(pooled, gotPooled, 1e-4, POOLED);
            ByteBuffer f = ByteBuffer.allocate(feat.length * 4).order(ByteOrder.nativeOrder());
            df.copyTo(f);
            float[] gotFeat = new float[feat.length];
            f.asFloatBuffer().get(gotFeat);
            TestEngines.assertClose(feat, gotFeat, 1e-4, FEATURES);
        }
    }

    @Test
    void inputShapesAreValidated() {
        try (ExecutionContext ctx = engine.newContext()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ctx.setInputShape("nope", Shape.of(1, 3, 8, 8)));
            assertTrue(e.getMessage().contains("nope") && e.getMessage().contains(X), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> ctx.setInputShape(POOLED, Shape.of(1, 4, 4, 4)));
            assertTrue(e.getMessage().contains("output"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> ctx.setInputShape(X, Shape.of(3, 8, 8)));
            assertTrue(e.getMessage().contains("rank 4") && e.getMessage().contains("[3, 8, 8]"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> ctx.setInputShape(X, Shape.of(17, 3, 8, 8)));
            assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("1..16")
                    && e.getMessage().contains("17"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ctx.setInputShape(X, Shape.of(0, 3, 8, 8)));
            e = assertThrows(IllegalArgumentException.class, () -> ctx.setInputShape(X, Shape.of(2, 5, 8, 8)));
            assertTrue(e.getMessage().contains("dimension 1"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ctx.setInputShape(X, Shape.of(-1, 3, 8, 8)));
            assertThrows(IllegalArgumentException.class, () -> ctx.outputShape(X));
            assertThrows(IllegalArgumentException.class, () -> ctx.setOptimizationProfile(1, null));
        }
    }

    @Test
    void shapeCompletenessAndEnqueueFailuresAreReported() {
        try (ExecutionContext ctx = engine.newContext(); CudaStream stream = CudaStream.create()) {
            assertFalse(ctx.allInputShapesSpecified());
            ctx.setInputShape(X, Shape.of(2, CIN, H, W));
            assertFalse(ctx.allInputShapesSpecified());
            ctx.setInputShape(Z, Shape.of(2, COUT, HP, WP));
            assertTrue(ctx.allInputShapesSpecified());
            TrtException e = assertThrows(TrtException.class, () -> ctx.enqueue(stream));
            System.out.println("enqueue without addresses: " + e.getMessage());
            assertTrue(e.getMessage().contains("enqueueV3 failed") && e.getMessage().contains("ERROR"),
                    e.getMessage());
        }
    }

    @Test
    void closedBoundBufferAndTooSmallBufferAreRefused() {
        try (ExecutionContext ctx = engine.newContext(); CudaStream stream = CudaStream.create();
                DeviceBuffer small = DeviceBuffer.allocate(16)) {
            ctx.setInputShape(X, Shape.of(2, 3, 8, 8));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ctx.setTensorAddress(X, small));
            assertTrue(e.getMessage().contains("'x'"), e.getMessage());
            DeviceBuffer b = DeviceBuffer.allocate(2 * 3 * 8 * 8 * 4);
            ctx.setTensorAddress(X, b);
            b.close();
            IllegalStateException s = assertThrows(IllegalStateException.class, () -> ctx.enqueue(stream));
            assertTrue(s.getMessage().contains("has been closed"), s.getMessage());
        }
    }
}
