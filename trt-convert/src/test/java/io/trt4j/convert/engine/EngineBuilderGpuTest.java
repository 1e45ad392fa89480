package io.trt4j.convert.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.core.Engine;
import io.trt4j.core.Shape;
import io.trt4j.core.TensorRt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder on a real GPU with small hand-written ONNX models: caches, profiles, errors, exact results. */
@Tag("gpu")
class EngineBuilderGpuTest {
    private static final Shape B1 = Shape.of(1, 3, 8, 8);
    private static final Shape B2 = Shape.of(2, 3, 8, 8);
    private static final Shape B4 = Shape.of(4, 3, 8, 8);

    @BeforeEach
    void needsGpu() {
        Assumptions.assumeTrue(TensorRt.isAvailable(), TensorRt.diagnosis());
    }

    private static float[] input(int batch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[batch * 3 * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        return x;
    }

    @Test
    void buildsAHandWrittenModelThatComputesTheRightThing() {
        EngineBuilder builder = EngineBuilder.fromOnnx(TinyOnnx.convRelu()).precision(Precision.FP32)
                .profile(TinyOnnx.INPUT, B1, B2, B4);
        Plan plan = builder.build();
        assertFalse(plan.fromCache());
        assertTrue(plan.size() > 0);
        assertEquals(TensorRt.version().tensorRt(), plan.tensorRtVersion());
        try (Engine engine = Engine.load(plan.bytes())) {
            float[] x = input(3, 1);
            float[] y = GpuChecks.run(engine, 0, TinyOnnx.INPUT, x, Shape.of(3, 3, 8, 8)).get(TinyOnnx.OUTPUT);
            float[] expected = GpuChecks.convReluReference(x, 3);
            double error = GpuChecks.relativeL2(y, expected);
            System.out.println("conv+relu FP32 relative L2 vs Java reference: " + error);
            assertTrue(error < 1e-5, "relative L2 " + error);
        }
    }

    @Test
    void engineCacheHitsOnTheSecondBuildAndTimingCacheIsWritten(@TempDir Path dir) throws Exception {
        Path timing = dir.resolve("timing.cache");
        Path engines = dir.resolve("engines");
        EngineBuilder builder = EngineBuilder.fromOnnx(TinyOnnx.convRelu()).profile(TinyOnnx.INPUT, B1, B2, B4)
                .timingCache(timing).engineCache(engines);
        Plan first = builder.build();
        assertFalse(first.fromCache());
        assertTrue(Files.size(timing) > 0, "timing cache written");
        Path entry = engines.resolve(first.cacheKey() + ".plan");
        assertArrayEquals(first.bytes(), Files.readAllBytes(entry));
        assertEquals(builder.cacheKey(), first.cacheKey());

        Plan second = builder.build();
        assertTrue(second.fromCache(), "second build reads the cache");
        assertArrayEquals(first.bytes(), second.bytes());

        Plan fp16 = builder.precision(Precision.FP16).build();
        assertFalse(fp16.fromCache(), "another precision is another entry");
        assertNotEquals(first.cacheKey(), fp16.cacheKey());

        // A cached plan TensorRT refuses is rebuilt, and the good plan replaces it.
        Files.write(entry, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        try (Engine engine = builder.buildEngine()) {
            float[] x = input(2, 2);
            float[] y = GpuChecks.run(engine, 0, TinyOnnx.INPUT, x, B2).get(TinyOnnx.OUTPUT);
            assertTrue(GpuChecks.relativeL2(y, GpuChecks.convReluReference(x, 2)) < 1e-2);
        }
        assertTrue(Files.size(entry) > 8, "corrupt entry replaced");
        builder.evictFromCache();
        assertFalse(Files.exists(entry));
    }

    @Test
    void severalProfilesGiveAnEngineWithSeveralProfiles() {
        try (Engine engine = EngineBuilder.fromOnnx(TinyOnnx.convRelu())
                .profile(TinyOnnx.INPUT, B1, B1, B1)
                .profile(TinyOnnx.INPUT, B2, B4, Shape.of(8, 3, 8, 8))
                .maxAuxStreams(0).builderOptimizationLevel(1).workspace(64L << 20)
                .buildEngine()) {
            assertEquals(2, engine.profileCount());
            float[] x = input(6, 3);
            float[] y = GpuChecks.run(engine, 1, TinyOnnx.INPUT, x, Shape.of(6, 3, 8, 8)).get(TinyOnnx.OUTPUT);
            assertTrue(GpuChecks.relativeL2(y, GpuChecks.convReluReference(x, 6)) < 1e-2);
        }
    }

    @Test
    void bf16BuildsFromAmpereOnAndIsRefusedBefore() {
        io.trt4j.convert.engine.internal.BuildEnvironment env =
                io.trt4j.convert.engine.internal.BuildEnvironment.current();
        EngineBuilder bf16 = EngineBuilder.fromOnnx(TinyOnnx.convRelu()).precision(Precision.BF16)
                .profile(TinyOnnx.INPUT, B1, B2, B4);
        if (env.computeMajor() < 8) {
            EngineBuildException e = assertThrows(EngineBuildException.class, bf16::build);
            assertTrue(e.getMessage().contains("compute capability"), e.getMessage());
            return;
        }
        try (Engine engine = bf16.buildEngine()) {
            float[] x = input(2, 4);
            float[] y = GpuChecks.run(engine, 0, TinyOnnx.INPUT, x, B2).get(TinyOnnx.OUTPUT);
            double error = GpuChecks.relativeL2(y, GpuChecks.convReluReference(x, 2));
            System.out.println("conv+relu BF16 relative L2 on " + env.device() + ": " + error);
            assertTrue(error < 2e-2, "BF16 relative L2 " + error);
        }
    }

    /**
     * The ONNX parser holds its copy of the model (every weight) until it is deleted; JavaCPP has no deallocator for
     * it, so the builder deletes it through its vtable (NativeDelete.deleteVirtual). Here: nothing is leaked, after
     * successful and failed parses, and the process does not grow by the model's size with each build.
     */
    @Test
    void everyBuildDeletesItsParser() throws Exception {
        long leakedBefore = io.trt4j.core.internal.NativeDelete.leaked();
        byte[] heavy = TinyOnnx.heavyConv(65536).toByteArray(); // 48 MiB of weights
        EngineBuilder builder = EngineBuilder.fromOnnx(heavy).precision(Precision.FP32)
                .profile(TinyOnnx.INPUT, B1, B1, B2);
        builder.build(); // first build: TensorRT's own one-time allocations
        System.gc();
        long rssBefore = residentBytes();
        int builds = 4;
        for (int i = 0; i < builds; i++) {
            assertTrue(builder.build().size() > 0);
            System.gc(); // the plan's 48 MiB on the Java heap: collected, so the heap reuses its pages
        }
        System.gc();
        long grown = residentBytes() - rssBefore;
        System.out.printf("resident set after %d more builds of a %d MiB model: %+d MiB%n", builds,
                heavy.length >> 20, grown >> 20);
        assertThrows(OnnxParseException.class, () -> EngineBuilder.fromOnnx(new byte[] {1, 2, 3}).build());
        assertEquals(leakedBefore, io.trt4j.core.internal.NativeDelete.leaked(), "native objects leaked");
        // leaking the parser would keep at least one copy of the weights per build: 4 x 48 MiB
        assertTrue(grown < heavy.length * 2L, "resident set grew by " + (grown >> 20) + " MiB");
    }

    private static long residentBytes() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    @Test
    void garbageIsATypedParseError() {
        byte[] garbage = new byte[1000];
        new SplittableRandom(9).nextBytes(garbage);
        OnnxParseException e = assertThrows(OnnxParseException.class, () -> EngineBuilder.fromOnnx(garbage).build());
        assertFalse(e.errors().isEmpty());
        System.out.println("garbage: " + e.getMessage());
    }

    @Test
    void unsupportedOperatorIsNamedInTheParseError() {
        OnnxParseException e = assertThrows(OnnxParseException.class,
                () -> EngineBuilder.fromOnnx(TinyOnnx.unknownOperator()).profile(TinyOnnx.INPUT, B1, B1, B1).build());
        System.out.println("unknown operator: " + e.getMessage());
        assertTrue(e.errors().stream().anyMatch(err -> err.operator().equals("NoSuchOperator")
                || err.nodeName().equals("mystery") || err.description().contains("NoSuchOperator")), e.getMessage());
    }

    @Test
    void profilesAreCheckedAgainstTheNetwork() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> EngineBuilder.fromOnnx(TinyOnnx.convRelu()).profile("input:0", B1, B1, B1).build());
        assertTrue(unknown.getMessage().contains("'x'"), unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> EngineBuilder.fromOnnx(TinyOnnx.convRelu()).build());
        assertTrue(missing.getMessage().contains("dynamic"), missing.getMessage());
    }

    @Test
    void int8CalibratesWritesItsTableAndReusesIt(@TempDir Path dir) {
        Path table = dir.resolve("calibration.table");
        java.util.List<float[]> batches = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batches.add(input(2, 100 + i));
        }
        EngineBuilder int8 = EngineBuilder.fromOnnx(TinyOnnx.convRelu()).profile(TinyOnnx.INPUT, B1, B2, B4)
                .int8(Calibrator.of(TinyOnnx.INPUT, batches, "seeded-4x2"), table);
        try (Engine engine = int8.buildEngine()) {
            float[] x = input(2, 7);
            float[] y = GpuChecks.run(engine, 0, TinyOnnx.INPUT, x, B2).get(TinyOnnx.OUTPUT);
            double error = GpuChecks.relativeL2(y, GpuChecks.convReluReference(x, 2));
            System.out.println("conv+relu INT8 relative L2: " + error);
            assertTrue(error < 0.1, "INT8 relative L2 " + error);
        }
        assertTrue(Files.isRegularFile(table), "calibration table written");

        Calibrator exhausted = new Calibrator() {
            @Override
            public Map<String, float[]> nextBatch() {
                throw new IllegalStateException("the table should have been used");
            }
        };
        Plan fromTable = EngineBuilder.fromOnnx(TinyOnnx.convRelu()).profile(TinyOnnx.INPUT, B1, B2, B4)
                .int8(exhausted, table).build();
        assertTrue(fromTable.size() > 0);
    }

    @Test
    void aFailingCalibratorFailsTheBuildWithItsCause() {
        Calibrator wrongSize = Calibrator.of(TinyOnnx.INPUT, java.util.List.of(new float[5]), "wrong");
        EngineBuildException e = assertThrows(EngineBuildException.class, () -> EngineBuilder
                .fromOnnx(TinyOnnx.convRelu()).profile(TinyOnnx.INPUT, B1, B2, B4).int8(wrongSize).build());
        assertTrue(e.getMessage().contains("holds 5 floats"), e.getMessage());
        assertTrue(e.getCause() instanceof IllegalArgumentException);
    }
}
