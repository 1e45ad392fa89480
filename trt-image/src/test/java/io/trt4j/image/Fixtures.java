package io.trt4j.image;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Locates the real-photo fixtures fetched by {@code .ci/fetch-fixtures.sh}: system property {@code trt4j.fixtures}
 * (set by surefire), else environment variable {@code TRT4J_FIXTURES}. Missing fixtures fail the test (CI fetches
 * them first), they never skip it.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** The fixtures root directory. */
    public static Path root() {
        String dir = System.getProperty("trt4j.fixtures");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("TRT4J_FIXTURES");
        }
        if (dir == null || dir.isBlank()) {
            fail("fixtures location unknown: set -Dtrt4j.fixtures or TRT4J_FIXTURES (run .ci/fetch-fixtures.sh)");
        }
        return Path.of(dir);
    }

    /** {@code images/<name>}, which must exist. */
    public static Path image(String name) {
        return existing(root().resolve("images").resolve(name));
    }

    /** {@code labels/<name>}, which must exist. */
    public static Path labels(String name) {
        return existing(root().resolve("labels").resolve(name));
    }

    private static Path existing(Path p) {
        if (!Files.isRegularFile(p)) {
            fail("missing fixture " + p + " (run .ci/fetch-fixtures.sh)");
        }
        return p;
    }
}
