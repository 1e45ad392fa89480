package io.trt4j.convert.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import io.trt4j.core.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

class GraphDefImporterTest {
    @TempDir
    static Path dir;
    static GraphDef graphDef;
    static float[] reference;
    static float[] input = TestModels.seeded(99, 2 * 6 * 6 * 2);

    @BeforeAll
    static void build() throws Exception {
        try (Graph g = new Graph()) {
            TestModels.convNet(g);
            graphDef = g.toGraphDef();
            try (Session s = new Session(g); TFloat32 x = TestModels.input(99, 2, 6, 6, 2)) {
                reference = TestModels.run(s, "x", x, "probs");
            }
        }
        Files.write(dir.resolve("net.pb"), graphDef.toByteArray());
        Files.writeString(dir.resolve("net.pbtxt"), TextFormat.printer().printToString(graphDef));
    }

    private static float[] runImported(FrozenGraph g) throws Exception {
        return TensorFlowRunner.run(g, Map.of("x:0", TensorValue.ofFloats(io.trt4j.core.Shape.of(2, 6, 6, 2), input)))
                .get("probs:0").toFloats();
    }

    @Test
    void binaryAndTextGraphDefsImportWithInferredNamesAndRunLikeTheOriginal() throws Exception {
        for (String file : List.of("net.pb", "net.pbtxt")) {
            FrozenGraph g = TensorFlowImporter.fromGraphDef(dir.resolve(file)).load();
            assertEquals(List.of("x:0"), g.inputs().stream().map(TensorSpec::name).toList(), file);
            assertEquals(List.of("probs:0"), g.outputs().stream().map(TensorSpec::name).toList(), file);
            assertEquals(DataType.FLOAT, g.inputs().get(0).dataType());
            assertEquals(io.trt4j.core.Shape.of(-1, 6, 6, 2), g.inputs().get(0).shape());
            assertEquals(io.trt4j.core.Shape.of(-1, 3), g.outputs().get(0).shape());
            float[] out = runImported(g);
            assertArrayEquals(reference, out, file);
            float sum = 0;
            for (float p : out) {
                sum += p;
            }
            assertEquals(2f, sum, 1e-5f);
        }
    }

    @Test
    void namedOutputPrunesAndInputOverrideRewritesThePlaceholder() throws Exception {
        GraphDef withExtra = graphDef.toBuilder().addNode(org.tensorflow.proto.NodeDef.newBuilder()
                .setName("unused_extra").setOp("Identity").addInput("x")
                .putAttr("T", org.tensorflow.proto.AttrValue.newBuilder()
                        .setType(org.tensorflow.proto.DataType.DT_FLOAT).build())).build();
        FrozenGraph inferred = TensorFlowImporter.fromGraphDef(withExtra).load();
        assertEquals(List.of("probs:0", "unused_extra:0"), inferred.outputs().stream().map(TensorSpec::name).toList());

        FrozenGraph g = TensorFlowImporter.fromGraphDef(withExtra).outputs("probs")
                .inputShape("x", io.trt4j.core.Shape.of(2, 6, 6, 2)).load();
        assertFalse(g.graphDef().getNodeList().stream().anyMatch(n -> n.getName().equals("unused_extra")));
        assertEquals(io.trt4j.core.Shape.of(2, 6, 6, 2), g.inputs().get(0).shape());
        assertEquals(io.trt4j.core.Shape.of(2, 3), g.outputs().get(0).shape());
        assertArrayEquals(reference, runImported(g));
    }

    @Test
    void anIntermediateTensorCanBecomeTheInput() throws Exception {
        String relu = graphDef.getNodeList().stream().filter(n -> n.getOp().equals("Relu")).findFirst().orElseThrow()
                .getName();
        FrozenGraph g = TensorFlowImporter.fromGraphDef(graphDef).inputs(relu + ":0").outputs("probs:0").load();
        assertEquals(List.of(relu + ":0"), g.inputs().stream().map(TensorSpec::name).toList());
        assertTrue(g.graphDef().getNodeList().stream().noneMatch(n -> n.getOp().equals("Conv2D")));
        assertTrue(g.graphDef().getNodeList().stream().noneMatch(n -> n.getName().equals("x")));
        assertEquals("Placeholder", GraphNodes.byName(g.graphDef()).get(relu).getOp());
    }

    @Test
    void frozenGraphWrittenAndReadBackIsTheSame() throws Exception {
        FrozenGraph g = TensorFlowImporter.fromGraphDef(graphDef).load();
        Path pb = dir.resolve("out/frozen.pb");
        FrozenGraphs.write(g, pb);
        FrozenGraph back = TensorFlowImporter.fromGraphDef(pb).load();
        assertEquals(g.graphDef(), back.graphDef());
        assertEquals(g.inputs(), back.inputs());
        assertEquals(g.outputs(), back.outputs());
        Path txt = dir.resolve("out/frozen.pbtxt");
        FrozenGraphs.write(g, txt);
        assertEquals(g.graphDef(), TensorFlowImporter.fromGraphDef(txt).load().graphDef());
    }

    @Test
    void unknownNamesAreRefusedWithCandidates() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TensorFlowImporter.fromGraphDef(graphDef).outputs("prob:0").load());
        assertTrue(e.getMessage().contains("'prob'") && e.getMessage().contains("probs"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> TensorFlowImporter.fromGraphDef(graphDef).inputs("input:0").load());
        assertTrue(e2.getMessage().contains("'input'") && e2.getMessage().contains("x:0"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class,
                () -> TensorFlowImporter.fromGraphDef(graphDef).outputs("probs:3").load());
        assertTrue(e3.getMessage().contains("probs:3"), e3.getMessage());
    }

    @Test
    void corruptTruncatedMissingAndEmptyFilesAreTypedErrorsNamingTheFile() throws Exception {
        byte[] bytes = graphDef.toByteArray();
        Path truncated = dir.resolve("truncated.pb");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2 + 3));
        Path corrupt = dir.resolve("corrupt.pb");
        byte[] junk = bytes.clone();
        for (int i = 0; i < junk.length; i += 7) {
            junk[i] = (byte) 0xff;
        }
        Files.write(corrupt, junk);
        Path empty = dir.resolve("empty.pb");
        Files.write(empty, new byte[0]);
        Path badText = dir.resolve("bad.pbtxt");
        Files.writeString(badText, "node { name: \"a\" op: \"Const\" \n attr { key: ");
        for (Path p : List.of(truncated, corrupt, empty, badText, dir.resolve("missing.pb"))) {
            var e = assertThrows(ModelImportException.class, () -> TensorFlowImporter.fromGraphDef(p).load(),
                    p.toString());
            assertTrue(e.getMessage().contains(p.getFileName().toString()), e.getMessage());
            assertEquals(p, e.file());
        }
        Path saved = dir.resolve("sm/saved_model.pb");
        Files.createDirectories(saved.getParent());
        Files.write(saved, bytes);
        var sm = assertThrows(ModelImportException.class, () -> TensorFlowImporter.fromGraphDef(saved).load());
        assertTrue(sm.getMessage().contains("fromSavedModel"), sm.getMessage());
        var text = assertThrows(ModelImportException.class, () -> TensorFlowImporter.fromGraphDef(badText).load());
        assertTrue(text.getMessage().contains("line"), text.getMessage());
    }

    @Test
    void runnerRefusesUnknownNamesAndWrongShapesWithTypedErrors() throws Exception {
        FrozenGraph g = TensorFlowImporter.fromGraphDef(graphDef).load();
        try (TensorFlowRunner r = TensorFlowRunner.open(g)) {
            var unknown = assertThrows(IllegalArgumentException.class, () -> r.run(Map.of("input:0",
                    TensorValue.ofFloats(io.trt4j.core.Shape.of(2, 6, 6, 2), input))));
            assertTrue(unknown.getMessage().contains("'input'") && unknown.getMessage().contains("x:0"),
                    unknown.getMessage());
            var shape = assertThrows(IllegalArgumentException.class, () -> r.run(Map.of("x:0",
                    TensorValue.ofFloats(io.trt4j.core.Shape.of(2, 6, 12, 1), input))));
            assertTrue(shape.getMessage().contains("'x:0'") && shape.getMessage().contains("[-1, 6, 6, 2]"),
                    shape.getMessage());
            var type = assertThrows(IllegalArgumentException.class, () -> r.run(Map.of("x:0",
                    TensorValue.ofInts(io.trt4j.core.Shape.of(1), 3))));
            assertTrue(type.getMessage().contains("INT32"), type.getMessage());
            assertArrayEquals(reference, r.run(Map.of("x:0", TensorValue.ofFloats(io.trt4j.core.Shape.of(2, 6, 6, 2),
                    input))).get("probs:0").toFloats());
        }
        TensorFlowRunner closed = TensorFlowRunner.open(g);
        closed.close();
        closed.close();
        var e = assertThrows(IllegalStateException.class, () -> closed.run(Map.of()));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void inputTypeOverrideThatBreaksTheGraphIsATypedError() {
        var e = assertThrows(ModelImportException.class, () -> TensorFlowImporter.fromGraphDef(graphDef)
                .input("x:0", DataType.INT32, null).load());
        assertTrue(e.getMessage().contains("TensorFlow rejects"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> TensorFlowImporter.fromGraphDef(graphDef)
                .inputShape("nope:0", io.trt4j.core.Shape.of(1)).load());
        assertTrue(e2.getMessage().contains("nope"), e2.getMessage());
    }

    @Test
    void unsupportedAndUnknownDtypesAreTypedErrors() throws Exception {
        GraphDef strings = GraphDef.newBuilder()
                .addNode(org.tensorflow.proto.NodeDef.newBuilder().setName("s").setOp("Placeholder")
                        .putAttr("dtype", org.tensorflow.proto.AttrValue.newBuilder()
                                .setType(org.tensorflow.proto.DataType.DT_STRING).build()))
                .addNode(org.tensorflow.proto.NodeDef.newBuilder().setName("out").setOp("Identity").addInput("s")
                        .putAttr("T", org.tensorflow.proto.AttrValue.newBuilder()
                                .setType(org.tensorflow.proto.DataType.DT_STRING).build()))
                .build();
        var e = assertThrows(ModelImportException.class, () -> TensorFlowImporter.fromGraphDef(strings).load());
        assertTrue(e.getMessage().contains("s:0") && e.getMessage().contains("DT_STRING"), e.getMessage());

        Path unknown = dir.resolve("unknown_dtype.pbtxt");
        Files.writeString(unknown, TextFormat.printer().printToString(graphDef).replaceFirst("DT_FLOAT", "DT_FLOAT99"));
        var e2 = assertThrows(ModelImportException.class, () -> TensorFlowImporter.fromGraphDef(unknown).load());
        assertTrue(e2.getMessage().contains("DT_FLOAT99") && e2.getMessage().contains("unknown_dtype.pbtxt"),
                e2.getMessage());
    }

    @Test
    void aDeclaredInputTheOutputsIgnoreStaysAPlaceholder() throws Exception {
        GraphDef withSpare = graphDef.toBuilder().addNode(org.tensorflow.proto.NodeDef.newBuilder().setName("spare")
                .setOp("Placeholder").putAttr("dtype", org.tensorflow.proto.AttrValue.newBuilder()
                        .setType(org.tensorflow.proto.DataType.DT_FLOAT).build())).build();
        FrozenGraph g = TensorFlowImporter.fromGraphDef(withSpare).inputs("x:0", "spare:0").outputs("probs:0").load();
        assertEquals(List.of("x:0", "spare:0"), g.inputs().stream().map(TensorSpec::name).toList());
        assertEquals(null, g.inputs().get(1).shape());
        var both = assertThrows(IllegalArgumentException.class, () -> TensorFlowImporter.fromGraphDef(graphDef)
                .inputs("x:0", "probs:0").outputs("probs:0").load());
        assertTrue(both.getMessage().contains("both"), both.getMessage());
        String relu = graphDef.getNodeList().stream().filter(n -> n.getOp().equals("Relu")).findFirst().orElseThrow()
                .getName();
        var e = assertThrows(IllegalArgumentException.class, () -> TensorFlowImporter.fromGraphDef(graphDef)
                .inputs("x:0", "probs:0").outputs(relu).load());
        assertTrue(e.getMessage().contains("'probs:0' does not feed"), e.getMessage());
        var undeclared = assertThrows(IllegalArgumentException.class, () -> TensorFlowImporter.fromGraphDef(withSpare)
                .inputs("spare:0").outputs("probs:0").load());
        assertTrue(undeclared.getMessage().contains("'x:0'"), undeclared.getMessage());
    }
}
