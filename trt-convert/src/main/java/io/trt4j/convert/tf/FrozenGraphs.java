package io.trt4j.convert.tf;

import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes frozen graphs to disk, the classic {@code freeze_graph} result: binary {@code .pb}, or protobuf text format
 * when the file name ends in {@code .pbtxt}. Read them back with {@link TensorFlowImporter#fromGraphDef(Path)}.
 *
 * <p>Thread-safety: stateless, safe to use from any thread.
 */
public final class FrozenGraphs {
    private FrozenGraphs() {
    }

    /**
     * Writes {@code graph}'s GraphDef to {@code file} (atomically: a temporary file in the same folder is moved into
     * place). The input and output names are not stored; inference on re-import finds the same ones for graphs whose
     * inputs are all placeholders and whose outputs are its unconsumed nodes.
     *
     * @throws IOException if the file cannot be written
     */
    public static void write(FrozenGraph graph, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            if (GraphDefFiles.isText(file)) {
                Files.writeString(tmp, TextFormat.printer().printToString(graph.graphDef()), StandardCharsets.UTF_8);
            } else {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    graph.graphDef().writeTo(out);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
