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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("gpu")
class InferenceSessionGpuTest {
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

    static Map<String, Tensor> inputs(int n, long seed) {
        return Map.of(X, Tensor.of(TestEngines.x(n, seed), Shape.of(n, CIN, H, W)),
                Z, Tensor.of(TestEngines.z(n, seed), Shape.of(n, COUT, HP, WP)));
    }

    static void check(int n, long seed, Map<String, Tensor> out) {
        float[] feat = TestEngines.features(TestEngines.x(n, seed), n);
        float[] pooled = TestEngines.pooled(feat, TestEngines.z(n, seed), n);
        assertEquals(Shape.of(n, COUT, H, W), out.get(FEATURES).shape());
        assertEquals(Shape.of(n, COUT, HP, WP), out.get(POOLED).shape());
        TestEngines.assertClose(feat, out.get(FEATURES).toFloatArray(), 1e-4, FEATURES + " batch " + n);
        TestEngines.assertClose(pooled, out.get(POOLED).toFloatArray(), 1e-4, POOLED + " batch " + n);
    }

    @Test
    void runMatchesTheReferenceForManyBatchSizes() {
        try (InferenceSession s = engine.newSession().build()) {
            assertEquals(List.of(X, Z), s.inputNames());
            assertEquals(Shape.of(16, CIN, H, W), s.maxShape(X));
            for (int n : new int[] {1, 4, 16, 5, 1, 16}) {
                check(n, n * 31L, s.run(inputs(n, n * 31L)));
            }
        }
    }

    @Test
    void callerBufferPathRunsInPlace() {
        try (InferenceSession s = InferenceSession.builder(engine).maxBatch(8).build()) {
            for (int n : new int[] {2, 8, 2}) {
                Tensor x = s.input(X, Shape.of(n, CIN, H, W));
                x.buffer().asFloatBuffer().put(TestEngines.x(n, 5));
                s.inputBuffer(Z).asFloatBuffer().put(TestEngines.z(n, 5));
                s.runInPlace(Shape.of(n, CIN, H, W), Shape.of(n, COUT, HP, WP));
                assertEquals(Shape.of(n, COUT, HP, WP), s.outputShape(POOLED));
                float[] feat = TestEngines.features(TestEngines.x(n, 5), n);
                TestEngines.assertClose(TestEngines.pooled(feat, TestEngines.z(n, 5), n),
                        s.output(POOLED).toFloatArray(), 1e-4, "in place batch " + n);
                float[] direct = new float[n * COUT * H * W];
                s.outputBuffer(FEATURES).asFloatBuffer().get(direct);
                TestEngines.assertClose(feat, direct, 1e-4, "in place features");
            }
            s.runInPlace(Map.of(X, Shape.of(1, CIN, H, W), Z, Shape.of(1, COUT, HP, WP)));
            assertEquals(Shape.of(1, COUT, H, W), s.outputShape(FEATURES));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.runInPlace(Shape.of(9, CIN, H, W), Shape.of(9, COUT, HP, WP)));
            assertTrue(e.getMessage().contains("maxBatch 8"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> s.runInPlace(Shape.of(1, CIN, H, W)));
            assertThrows(IllegalArgumentException.class, () -> s.inputBuffer(POOLED));
            assertThrows(IllegalArgumentException.class, () -> s.outputBuffer(X));
        }
    }

    @Test
    void submitRunsAsynchronously() throws Exception {
        try (InferenceSession s = engine.newSession().build()) {
            List<CompletableFuture<Map<String, Tensor>>> futures = new ArrayList<>();
            for (int n = 1; n <= 6; n++) {
                futures.add(s.submit(inputs(n, 100 + n)));
            }
            for (int n = 1; n <= 6; n++) {
                check(n, 100 + n, futures.get(n - 1).get());
            }
        }
    }

    @Test
    void cudaGraphPathReplaysPerShape() {
        try (InferenceSession graph = engine.newSession().useCudaGraph(true).build();
                InferenceSession eager = engine.newSession().build()) {
            for (int round = 0; round < 3; round++) {
                for (int n : new int[] {3, 7}) {
                    Map<String, Tensor> in = inputs(n, 7L * round + n);
                    Map<String, Tensor> g = graph.run(in);
                    check(n, 7L * round + n, g);
                    assertArrayEquals(eager.run(in).get(POOLED).toFloatArray(), g.get(POOLED).toFloatArray());
                }
            }
            assertEquals(2, graph.graphCount());
            graph.input(X, Shape.of(3, CIN, H, W)).buffer().asFloatBuffer().put(TestEngines.x(3, 77));
            graph.inputBuffer(Z).asFloatBuffer().put(TestEngines.z(3, 77));
            graph.runInPlace(Shape.of(3, CIN, H, W), Shape.of(3, COUT, HP, WP));
            TestEngines.assertClose(TestEngines.pooled(TestEngines.features(TestEngines.x(3, 77), 3),
                    TestEngines.z(3, 77), 3), graph.output(POOLED).toFloatArray(), 1e-4, "graph in place");
            assertEquals(2, graph.graphCount());
        }
    }

    @Test
    void badInputsAreRejectedWithNames() {
        try (InferenceSession s = engine.newSession().build()) {
            Map<String, Tensor> good = inputs(2, 1);
            Map<String, Tensor> extra = new HashMap<>(good);
            extra.put("bogus", good.get(X));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.run(extra));
            assertTrue(e.getMessage().contains("bogus") && e.getMessage().contains(X), e.getMessage());

            e = assertThrows(IllegalArgumentException.class, () -> s.run(Map.of(X, good.get(X))));
            assertTrue(e.getMessage().contains("missing input 'z'"), e.getMessage());

            Map<String, Tensor> half = Map.of(X, Tensor.of(DataType.HALF, TestEngines.x(2, 1), Shape.of(2, 3, 8, 8)),
                    Z, good.get(Z));
            e = assertThrows(IllegalArgumentException.class, () -> s.run(half));
            assertTrue(e.getMessage().contains("FLOAT") && e.getMessage().contains("HALF")
                    && e.getMessage().contains("'x'"), e.getMessage());

            Map<String, Tensor> rank = Map.of(X, Tensor.of(TestEngines.x(2, 1), Shape.of(6, 8, 8)), Z, good.get(Z));
            e = assertThrows(IllegalArgumentException.class, () -> s.run(rank));
            assertTrue(e.getMessage().contains("rank 4"), e.getMessage());

            Map<String, Tensor> big = inputs(17, 1);
            e = assertThrows(IllegalArgumentException.class, () -> s.run(big));
            assertTrue(e.getMessage().contains("1..16"), e.getMessage());

            Map<String, Tensor> output = new HashMap<>(good);
            output.put(POOLED, good.get(Z));
            e = assertThrows(IllegalArgumentException.class, () -> s.run(output));
            assertTrue(e.getMessage().contains("output"), e.getMessage());

            check(2, 1, s.run(good));
        }
    }

    @Test
    void lifecycle() {
        Engine e = Engine.load(TestEngines.plan());
        InferenceSession s = e.newSession().build();
        IllegalStateException refused = assertThrows(IllegalStateException.class, e::close);
        assertTrue(refused.getMessage().contains("session " + s.name()), refused.getMessage());
        s.close();
        s.close();
        assertTrue(s.isClosed());
        IllegalStateException used = assertThrows(IllegalStateException.class, () -> s.run(inputs(1, 1)));
        assertEquals("InferenceSession " + s.name() + " has been closed", used.getMessage());
        assertThrows(IllegalStateException.class, () -> s.inputBuffer(X));
        assertFalse(e.isClosed());
        e.close();
        assertThrows(IllegalStateException.class, () -> e.newSession().build());
        assertThrows(IllegalArgumentException.class, () -> engine.newSession().profile(3).build());
        assertThrows(IllegalArgumentException.class, () -> engine.newSession().maxBatch(0));
    }
}
