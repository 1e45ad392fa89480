package io.trt4j.convert.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.core.GpuUnavailableException;
import io.trt4j.core.Shape;
import io.trt4j.core.TensorRt;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where no GPU is usable (CI), building fails with the diagnosis, never with UnsatisfiedLinkError. */
class NoGpuTest {
    @Test
    void buildThrowsGpuUnavailableWithTheDiagnosis(@TempDir Path dir) {
        Assumptions.assumeFalse(TensorRt.isAvailable(), "a GPU is present: " + TensorRt.diagnosis());
        EngineBuilder builder = EngineBuilder.fromOnnx(TinyOnnx.convRelu())
                .profile("x", Shape.of(1, 3, 8, 8), Shape.of(2, 3, 8, 8), Shape.of(4, 3, 8, 8))
                .timingCache(dir.resolve("timing.cache"))
                .engineCache(dir.resolve("engines"));
        GpuUnavailableException e = assertThrows(GpuUnavailableException.class, builder::build);
        assertTrue(e.getMessage().contains(TensorRt.diagnosis()), e.getMessage());
        assertThrows(GpuUnavailableException.class, builder::cacheKey);
        assertThrows(GpuUnavailableException.class, builder::evictFromCache);
        assertThrows(GpuUnavailableException.class, builder::buildEngine);
        assertFalse(Files.exists(dir.resolve("timing.cache")), "nothing is written without a build");
        assertFalse(Files.exists(dir.resolve("engines")));
    }
}
