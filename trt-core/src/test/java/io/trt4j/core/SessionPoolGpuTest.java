package io.trt4j.core;

import static io.trt4j.core.TestEngines.POOLED;
import static io.trt4j.core.TestEngines.FEATURES;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("gpu")
class SessionPoolGpuTest {
    static Engine engine;
    static final int REQUESTS = 24;
    static List<Map<String, Tensor>> inputs = new ArrayList<>();
    static List<float[][]> expected = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        GpuAssume.gpu();
        engine = Engine.load(TestEngines.plan());
        try (InferenceSession single = engine.newSession().build()) {
            for (int i = 0; i < REQUESTS; i++) {
                int n = 1 + i % 16;
                Map<String, Tensor> in = InferenceSessionGpuTest.inputs(n, 1000 + i);
                Map<String, Tensor> out = single.run(in);
                InferenceSessionGpuTest.check(n, 1000 + i, out);
                inputs.add(in);
                expected.add(new float[][] {out.get(FEATURES).toFloatArray(), out.get(POOLED).toFloatArray()});
            }
        }
    }

    @AfterAll
    static void tearDown() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void eightThreadsGiveResultsIdenticalToOneThread() throws Exception {
        try (SessionPool pool = SessionPool.builder(engine).size(4).build()) {
            assertEquals(4, pool.size());
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int offset = t;
                    done.add(threads.submit(() -> {
                        int checked = 0;
                        for (int k = 0; k < 40; k++) {
                            int i = (offset * 7 + k) % REQUESTS;
                            Map<String, Tensor> out = pool.run(inputs.get(i));
                            assertArrayEquals(expected.get(i)[0], out.get(FEATURES).toFloatArray(), "request " + i);
                            assertArrayEquals(expected.get(i)[1], out.get(POOLED).toFloatArray(), "request " + i);
                            checked++;
                        }
                        return checked;
                    }));
                }
                int total = 0;
                for (Future<Integer> f : done) {
                    total += f.get();
                }
                assertEquals(8 * 40, total);
            } finally {
                threads.shutdown();
            }
        }
    }

    @Test
    void submitAndCloseWaitsForSubmittedWork() throws Exception {
        SessionPool pool = SessionPool.builder(engine).size(2).useCudaGraph(true).build();
        List<CompletableFuture<Map<String, Tensor>>> futures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            futures.add(pool.submit(inputs.get(i)));
        }
        pool.close();
        for (int i = 0; i < REQUESTS; i++) {
            assertArrayEquals(expected.get(i)[1], futures.get(i).get().get(POOLED).toFloatArray(), "request " + i);
        }
        assertThrows(IllegalStateException.class, () -> pool.run(inputs.get(0)));
        assertTrue(engine.openContexts().isEmpty(), engine.openContexts().toString());
    }

    @Test
    void withSessionGivesTheAllocationFreePath() {
        try (SessionPool pool = SessionPool.create(engine, 2)) {
            float[] got = pool.withSession(s -> {
                s.input(TestEngines.X, inputs.get(2).get(TestEngines.X).shape()).buffer()
                        .put(inputs.get(2).get(TestEngines.X).buffer());
                s.input(TestEngines.Z, inputs.get(2).get(TestEngines.Z).shape()).buffer()
                        .put(inputs.get(2).get(TestEngines.Z).buffer());
                s.runInPlace(inputs.get(2).get(TestEngines.X).shape(), inputs.get(2).get(TestEngines.Z).shape());
                return s.output(POOLED).toFloatArray();
            });
            assertArrayEquals(expected.get(2)[1], got);
        }
    }
}
