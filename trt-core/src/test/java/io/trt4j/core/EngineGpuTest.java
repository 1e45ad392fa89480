package io.trt4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("gpu")
class EngineGpuTest {
    static byte[] plan;
    static Engine engine;

    @BeforeAll
    static void setUp() {
        GpuAssume.gpu();
        System.out.println("TensorRt: " + TensorRt.diagnosis() + " / " + TensorRt.version());
        plan = TestEngines.plan();
        engine = Engine.load(plan);
    }

    @AfterAll
    static void tearDown() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void availabilityAndVersions() {
        assertTrue(TensorRt.isAvailable());
        TensorRt.Versions v = TensorRt.version();
        assertTrue(v.tensorRt().startsWith("10."), v.toString());
        assertFalse(v.cudaRuntime().equals("unavailable"));
        assertFalse(v.cudaDriver().equals("unavailable"));
    }

    @Test
    void metadata() {
        assertEquals(List.of(TestEngines.X, TestEngines.Z),
                engine.inputs().stream().map(TensorInfo::name).toList());
        assertEquals(List.of(TestEngines.FEATURES, TestEngines.POOLED).stream().sorted().toList(),
                engine.outputs().stream().map(TensorInfo::name).sorted().toList());
        TensorInfo x = engine.tensor(TestEngines.X);
        assertEquals(TensorIoMode.INPUT, x.mode());
        assertEquals(DataType.FLOAT, x.dataType());
        assertEquals(Shape.of(-1, 3, 8, 8), x.shape());
        assertFalse(x.format().isEmpty());
        TensorInfo y = engine.tensor(TestEngines.POOLED);
        assertEquals(TensorIoMode.OUTPUT, y.mode());
        assertEquals(Shape.of(-1, 4, 4, 4), y.shape());
        assertEquals(4, engine.tensors().size());
        assertEquals(1, engine.profileCount());
        ProfileShapes p = engine.profileShapes(TestEngines.X, 0);
        assertEquals(Shape.of(1, 3, 8, 8), p.min());
        assertEquals(Shape.of(4, 3, 8, 8), p.opt());
        assertEquals(Shape.of(16, 3, 8, 8), p.max());
        assertTrue(engine.layerCount() > 0);
        assertTrue(engine.deviceMemorySize() >= 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.tensor("nope"));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains(TestEngines.X), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> engine.profileShapes(TestEngines.POOLED, 0));
        e = assertThrows(IllegalArgumentException.class, () -> engine.profileShapes(TestEngines.X, 1));
        assertTrue(e.getMessage().contains("profile 1"), e.getMessage());
    }

    @Test
    void serializeAndReloadFromEverySource(@TempDir Path dir) throws Exception {
        byte[] again = engine.serialize();
        assertTrue(again.length > Engine.MIN_PLAN_BYTES);
        Path file = dir.resolve("test.plan");
        Files.write(file, again);
        ByteBuffer direct = ByteBuffer.allocateDirect(again.length + 10);
        direct.position(10);
        direct.put(again).position(10);
        for (Engine e : new Engine[] {Engine.load(again), Engine.load(file), Engine.load(direct),
                Engine.load(ByteBuffer.wrap(again))}) {
            try (e) {
                assertEquals(engine.tensors(), e.tensors());
                assertEquals(engine.profileShapes(TestEngines.Z, 0), e.profileShapes(TestEngines.Z, 0));
            }
        }
        assertEquals(10, direct.position());
    }

    @Test
    void badPlansGiveEngineLoadExceptionWithTensorRtMessages() {
        EngineLoadException empty = assertThrows(EngineLoadException.class, () -> Engine.load(new byte[0]));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        EngineLoadException tiny = assertThrows(EngineLoadException.class, () -> Engine.load(new byte[10]));
        assertTrue(tiny.getMessage().contains("truncated"), tiny.getMessage());

        byte[] garbage = new byte[8192];
        new Random(3).nextBytes(garbage);
        EngineLoadException g = assertThrows(EngineLoadException.class, () -> Engine.load(garbage));
        System.out.println("garbage plan: " + g.getMessage());
        assertFalse(g.tensorRtMessages().isEmpty(), "TensorRT's own error is captured");

        byte[] truncated = Arrays.copyOf(plan, plan.length / 2);
        EngineLoadException t = assertThrows(EngineLoadException.class, () -> Engine.load(truncated));
        System.out.println("truncated plan: " + t.getMessage());
        assertFalse(t.tensorRtMessages().isEmpty());

        byte[] header = plan.clone();
        Arrays.fill(header, 0, 32, (byte) 0x5a);
        EngineLoadException h = assertThrows(EngineLoadException.class, () -> Engine.load(header));
        assertFalse(h.tensorRtMessages().isEmpty());
    }

    @Test
    void engineCloseRefusesWhileContextsAreOpenAndListsThem() {
        Engine e = Engine.load(plan);
        ExecutionContext c1 = e.newContext();
        ExecutionContext c2 = e.newContext();
        assertEquals(2, e.openContexts().size());
        IllegalStateException refused = assertThrows(IllegalStateException.class, e::close);
        assertTrue(refused.getMessage().contains(c1.toString()) && refused.getMessage().contains(c2.toString()),
                refused.getMessage());
        assertFalse(e.isClosed());
        assertEquals(Shape.of(-1, 3, 8, 8), e.tensor(TestEngines.X).shape());
        c1.close();
        c1.close();
        IllegalStateException used = assertThrows(IllegalStateException.class,
                () -> c1.setInputShape(TestEngines.X, Shape.of(1, 3, 8, 8)));
        assertTrue(used.getMessage().endsWith("has been closed"), used.getMessage());
        refused = assertThrows(IllegalStateException.class, e::close);
        assertFalse(refused.getMessage().contains(c1.toString()));
        c2.close();
        e.close();
        e.close();
        IllegalStateException after = assertThrows(IllegalStateException.class, e::newContext);
        assertEquals("Engine " + e.name() + " has been closed", after.getMessage());
        assertThrows(IllegalStateException.class, e::serialize);
    }
}
