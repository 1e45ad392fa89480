package io.trt4j.convert.tfjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.convert.tf.FrozenGraph;
import io.trt4j.convert.tf.ModelImportException;
import io.trt4j.convert.tf.TensorFlowRunner;
import io.trt4j.convert.tf.TensorSpec;
import io.trt4j.convert.tf.TensorValue;
import io.trt4j.core.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfjsModelTest {
    @TempDir
    Path dir;

    private static final float[] X = {1f, 2f, 3f, -1f, 0.5f, 0.25f};

    @Test
    void handWrittenModelLoadsDequantizesDecomposesAndRuns() throws Exception {
        FrozenGraph g = TfjsModel.load(SyntheticTfjsModel.write(dir));
        assertEquals(List.of("x:0"), g.inputs().stream().map(TensorSpec::name).toList());
        assertEquals(List.of("y:0"), g.outputs().stream().map(TensorSpec::name).toList());
        assertEquals(Shape.of(-1, 3), g.inputs().get(0).shape());
        assertTrue(g.graphDef().getNodeList().stream().noneMatch(n -> n.getOp().startsWith("_Fused")));
        assertTrue(g.graphDef().getNodeList().stream().anyMatch(n -> n.getOp().equals("BiasAdd")));
        float[] y = TensorFlowRunner.run(g, Map.of("x:0", TensorValue.ofFloats(Shape.of(2, 3), X)))
                .get("y:0").toFloats();
        assertArrayEquals(SyntheticTfjsModel.expected(X), y, 1e-6f);
        assertTrue(y[0] > 0, Arrays.toString(y));
    }

    private Path writeModel(String json) throws Exception {
        Files.write(dir.resolve("group1-shard1of1.bin"), SyntheticTfjsModel.shard());
        Path p = dir.resolve("model.json");
        Files.writeString(p, json);
        return p;
    }

    private static ModelImportException refused(Path model, String... fragments) {
        ModelImportException e = assertThrows(ModelImportException.class, () -> TfjsModel.load(model));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void truncatedAndCorruptJsonAreRefusedNamingTheFile() throws Exception {
        String json = SyntheticTfjsModel.json("group1-shard1of1.bin", "float32", "uint8");
        Path truncated = writeModel(json.substring(0, json.length() / 2));
        refused(truncated, "model.json", "truncated");
        Path corrupt = writeModel(json.replace("\"node\": [", "\"node\": [}"));
        refused(corrupt, "model.json", "offset");
        Path notGraph = writeModel("{\"format\": \"layers-model\", \"modelTopology\": {}}");
        refused(notGraph, "layers-model");
        refused(dir.resolve("absent.json"), "absent.json", "does not exist");
    }

    @Test
    void missingShortAndLongShardsAreRefused() throws Exception {
        Path model = SyntheticTfjsModel.write(dir);
        byte[] shard = SyntheticTfjsModel.shard();
        Path bin = dir.resolve("group1-shard1of1.bin");
        Files.write(bin, Arrays.copyOf(shard, shard.length - 1));
        refused(model, "shard size mismatch", "group1-shard1of1.bin", String.valueOf(shard.length - 1),
                String.valueOf(shard.length));
        Files.write(bin, Arrays.copyOf(shard, shard.length + 4));
        refused(model, "shard size mismatch");
        Files.delete(bin);
        refused(model, "missing weight shard", "group1-shard1of1.bin");
    }

    @Test
    void shardPathsLeavingTheModelFolderAreRefused() throws Exception {
        Path outside = dir.resolve("outside.bin");
        Files.write(outside, SyntheticTfjsModel.shard());
        Path modelDir = dir.resolve("model");
        Files.createDirectories(modelDir);
        for (String path : List.of("../outside.bin", "sub/../../outside.bin", outside.toString(),
                "http://example.com/x.bin")) {
            Path model = modelDir.resolve("model.json");
            Files.writeString(model, SyntheticTfjsModel.json(path, "float32", "uint8"));
            UnsafeShardPathException e = assertThrows(UnsafeShardPathException.class, () -> TfjsModel.load(model));
            assertEquals(path, e.shardPath());
            assertTrue(e.getMessage().contains(path), e.getMessage());
        }
        Files.createSymbolicLink(modelDir.resolve("link.bin"), outside);
        Path model = modelDir.resolve("model.json");
        Files.writeString(model, SyntheticTfjsModel.json("link.bin", "float32", "uint8"));
        UnsafeShardPathException e = assertThrows(UnsafeShardPathException.class, () -> TfjsModel.load(model));
        assertTrue(e.getMessage().contains("link"), e.getMessage());
    }

    @Test
    void unknownDtypesAreRefusedNamingTheWeightOrField() throws Exception {
        refused(writeModel(SyntheticTfjsModel.json("group1-shard1of1.bin", "float64", "uint8")), "'w'", "float64");
        refused(writeModel(SyntheticTfjsModel.json("group1-shard1of1.bin", "float32", "int4")), "'b'", "int4");
        refused(writeModel(SyntheticTfjsModel.json("group1-shard1of1.bin", "float32", "uint8")
                .replaceFirst(java.util.regex.Pattern.quote("{\"type\": \"DT_FLOAT\"}"),
                        "{\"type\": \"DT_FLOAT7\"}")), "DT_FLOAT7", "modelTopology.node[0].attr.dtype");
        // A weight whose dtype disagrees with its Const node.
        refused(writeModel(SyntheticTfjsModel.json("group1-shard1of1.bin", "int32", "uint8")), "'w'", "DT_INT32");
    }

    @Test
    void unknownFusedOpIsRefusedNamingTheNode() throws Exception {
        Path model = writeModel(SyntheticTfjsModel.json("group1-shard1of1.bin", "float32", "uint8")
                .replace("Qmlhc0FkZA==", "Q29zaA==")); // "Cosh"
        refused(model, "'mm'", "Cosh");
    }

    @Test
    void jsBundleWithModuleExportsIsRead() throws Exception {
        String json = SyntheticTfjsModel.json("group1-shard1of1", "float32", "uint8");
        Files.writeString(dir.resolve("model.js"), "module.exports = " + json + ";\n");
        Files.writeString(dir.resolve("group1-shard1of1.js"), "module.exports = \""
                + java.util.Base64.getEncoder().encodeToString(SyntheticTfjsModel.shard()) + "\";");
        FrozenGraph g = TfjsModel.fromJsBundle(dir);
        float[] y = TensorFlowRunner.run(g, Map.of("x:0", TensorValue.ofFloats(Shape.of(2, 3), X)))
                .get("y:0").toFloats();
        assertArrayEquals(SyntheticTfjsModel.expected(X), y, 1e-6f);

        Files.writeString(dir.resolve("group1-shard1of1.js"), "module.exports = \"@@not base64@@\";");
        assertThrows(ModelImportException.class, () -> TfjsModel.fromJsBundle(dir));
        Files.writeString(dir.resolve("model.js"), "console.log('hello');");
        ModelImportException e = assertThrows(ModelImportException.class, () -> TfjsModel.fromJsBundle(dir));
        assertTrue(e.getMessage().contains("model.js"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }
}
