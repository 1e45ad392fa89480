package io.trt4j.convert.tf;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.tensorflow.proto.GraphDef;

/**
 * Reads {@code .pb} (binary) and {@code .pbtxt} (text format) protobuf files, turning parse failures into
 * {@link ModelImportException}s that name the file.
 *
 * <p>Thread-safety: stateless, safe to use from any thread.
 */
final class GraphDefFiles {
    private GraphDefFiles() {
    }

    /** Whether {@code file} is read as protobuf text format: names ending in {@code .pbtxt}, {@code .txt}, {@code .prototxt}. */
    static boolean isText(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".pbtxt") || name.endsWith(".txt") || name.endsWith(".prototxt");
    }

    /** Reads a GraphDef, binary or text by file name; fails on an unreadable, corrupt, truncated or empty file. */
    static GraphDef readGraphDef(Path file) throws ModelImportException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (name.equals("saved_model.pb") || name.equals("saved_model.pbtxt")) {
            throw new ModelImportException(file, "this is a SavedModel, not a frozen GraphDef: import its folder "
                    + "with TensorFlowImporter.fromSavedModel");
        }
        if (name.endsWith(".meta")) {
            throw new ModelImportException(file, "this is a MetaGraphDef, not a frozen GraphDef: freeze it with "
                    + "CheckpointFreezer");
        }
        GraphDef.Builder b = GraphDef.newBuilder();
        read(file, b, "GraphDef");
        GraphDef g = b.build();
        if (g.getNodeCount() == 0) {
            throw new ModelImportException(file, "GraphDef has no nodes: empty, truncated or not a GraphDef");
        }
        return g;
    }

    /** Merges a binary or text protobuf file into {@code builder}. */
    static void read(Path file, Message.Builder builder, String what) throws ModelImportException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelImportException(file, what + " file does not exist", e);
        } catch (IOException e) {
            throw new ModelImportException(file, "cannot read " + what + ": " + e.getMessage(), e);
        }
        try {
            if (isText(file)) {
                TextFormat.merge(new String(bytes, StandardCharsets.UTF_8), builder);
            } else {
                builder.mergeFrom(bytes);
            }
        } catch (InvalidProtocolBufferException e) {
            throw new ModelImportException(file, "corrupt or truncated binary " + what + " (" + bytes.length
                    + " bytes): " + e.getMessage(), e);
        } catch (TextFormat.ParseException e) {
            throw new ModelImportException(file, "invalid " + what + " text format at line " + e.getLine()
                    + ", column " + e.getColumn() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelImportException(file, "cannot parse " + what + ": " + e, e);
        }
    }

    /** Reads a whole stream (closing it). */
    static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
