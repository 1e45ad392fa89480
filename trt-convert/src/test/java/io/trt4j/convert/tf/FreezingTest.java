package io.trt4j.convert.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.core.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.types.TFloat32;

class FreezingTest {
    @TempDir
    Path dir;

    private static final float[] INPUT = TestModels.seeded(7, 4 * 8);

    private static float[] runFrozen(FrozenGraph g, String in, String out) throws Exception {
        return TensorFlowRunner.run(g, Map.of(in, TensorValue.ofFloats(Shape.of(4, 8), INPUT))).get(out).toFloats();
    }

    private static void assertBitsEqual(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "element " + i);
        }
    }

    private static void assertNoVariables(FrozenGraph g) {
        Set<String> bad = Set.of("VariableV2", "Variable", "VarHandleOp", "ReadVariableOp", "Assign",
                "AssignVariableOp", "SaveV2", "RestoreV2", "NoOp");
        for (NodeDef n : g.graphDef().getNodeList()) {
            assertFalse(bad.contains(n.getOp()), n.getName() + " is a " + n.getOp());
        }
    }

    @Test
    void checkpointFreezesToTensorFlowsOwnOutputsBitForBit() throws Exception {
        float[] reference;
        String prefix = dir.resolve("ckpt/model.ckpt").toString();
        Path meta = dir.resolve("ckpt/model.ckpt.meta");
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            var y = TestModels.denseNetWithVariables(tf);
            // A training step the freezer must drop: w1 += 1 after training would change the answer.
            var w1 = g.operation("w1").output(0);
            tf.withName("train_step").assignAdd(w1.expect(TFloat32.class), TestModels.constant(tf, 14, 8, 6));
            try (Session s = new Session(g)) {
                s.initialize();
                s.runner().addTarget("train_step").run().close(); // train once: values differ from initial ones
                try (TFloat32 x = TestModels.input(7, 4, 8)) {
                    reference = TestModels.run(s, "x", x, y.asOutput().op().name());
                }
                Files.createDirectories(meta.getParent());
                s.save(prefix);
                MetaGraphDef m = MetaGraphDef.newBuilder().setGraphDef(g.toGraphDef())
                        .setSaverDef(SaverDef.newBuilder().setFilenameTensorName("save/filename:0")
                                .setSaveTensorName("save/control_dependency").setRestoreOpName("save/restore_all"))
                        .build();
                Files.write(meta, m.toByteArray());
            }
        }
        FrozenGraph frozen = CheckpointFreezer.builder().metaGraph(meta).checkpoint(prefix).outputs("y:0").freeze();
        assertNoVariables(frozen);
        assertEquals(List.of("x:0"), frozen.inputs().stream().map(TensorSpec::name).toList());
        assertEquals(Shape.of(-1, 3), frozen.outputs().get(0).shape());
        assertBitsEqual(reference, runFrozen(frozen, "x:0", "y:0"));

        // Outputs inferred: the training step and the saver are not outputs.
        FrozenGraph inferred = CheckpointFreezer.builder().metaGraph(meta).checkpoint(prefix).freeze();
        assertEquals(List.of("y:0"), inferred.outputs().stream().map(TensorSpec::name).toList());

        // The classic freeze_graph step: write .pb, read it back, same answers.
        Path pb = dir.resolve("frozen.pb");
        FrozenGraphs.write(frozen, pb);
        FrozenGraph back = TensorFlowImporter.fromGraphDef(pb).load();
        assertBitsEqual(reference, runFrozen(back, "x:0", "y:0"));

        // Bad checkpoint input.
        var missing = assertThrows(ModelImportException.class, () -> CheckpointFreezer.builder().metaGraph(meta)
                .checkpoint(dir.resolve("nope/model.ckpt").toString()).freeze());
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
        Path truncatedMeta = dir.resolve("truncated.meta");
        byte[] mb = Files.readAllBytes(meta);
        Files.write(truncatedMeta, java.util.Arrays.copyOf(mb, mb.length - 10));
        var trunc = assertThrows(ModelImportException.class, () -> CheckpointFreezer.builder()
                .metaGraph(truncatedMeta).checkpoint(prefix).freeze());
        assertTrue(trunc.getMessage().contains("truncated.meta"), trunc.getMessage());
        var wrong = assertThrows(IllegalArgumentException.class, () -> CheckpointFreezer.builder().metaGraph(meta)
                .checkpoint(prefix).outputs("logits:0").freeze());
        assertTrue(wrong.getMessage().contains("logits") && wrong.getMessage().contains("y"), wrong.getMessage());
    }

    @Test
    void resourceVariablesOfALiveSessionFreezeBitForBit() throws Exception {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            var x = tf.withName("x").placeholder(TFloat32.class,
                    org.tensorflow.op.core.Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, 8)));
            VarHandleOp w = tf.withName("w").varHandleOp(TFloat32.class, org.tensorflow.ndarray.Shape.of(8, 3),
                    VarHandleOp.sharedName("w"));
            var init = tf.withName("w_init").assignVariableOp(w, TestModels.constant(tf, 21, 8, 3));
            var read = tf.withName("w_read").readVariableOp(w, TFloat32.class);
            tf.withName("out").math.tanh(tf.linalg.matMul(x, read));
            try (Session s = new Session(g)) {
                s.runner().addTarget(init).run().close();
                float[] reference;
                try (TFloat32 in = TestModels.input(7, 4, 8)) {
                    reference = TestModels.run(s, "x", in, "out");
                }
                FrozenGraph frozen = SessionFreezer.of(s).outputs("out").freeze();
                assertNoVariables(frozen);
                assertEquals("Const", GraphNodes.byName(frozen.graphDef()).get("w_read").getOp());
                assertBitsEqual(reference, runFrozen(frozen, "x:0", "out:0"));
            }
        }
    }

    @Test
    void savedModelFreezesToTensorFlowsOwnOutputsBitForBit() throws Exception {
        Path export = dir.resolve("saved");
        float[] reference;
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            var y = TestModels.denseNetWithVariables(tf);
            try (Session s = new Session(g)) {
                s.initialize();
                try (TFloat32 x = TestModels.input(7, 4, 8)) {
                    reference = TestModels.run(s, "x", x, "y");
                }
                Signature sig = Signature.builder().key("serving_default")
                        .input("features", g.operation("x").output(0)).output("scores", y).build();
                SavedModelBundle.exporter(export.toString()).withSession(s)
                        .withFunction(SessionFunction.create(sig, s)).export();
            }
        }
        SavedModelImporter.Imported m = TensorFlowImporter.fromSavedModel(export).loadSignature();
        FrozenGraph frozen = m.graph();
        assertNoVariables(frozen);
        String in = m.inputAliases().get("features");
        String out = m.outputAliases().get("scores");
        assertEquals(List.of(in), frozen.inputs().stream().map(TensorSpec::name).toList());
        assertEquals(List.of(out), frozen.outputs().stream().map(TensorSpec::name).toList());
        assertBitsEqual(reference, runFrozen(frozen, in, out));

        var noSig = assertThrows(IllegalArgumentException.class,
                () -> TensorFlowImporter.fromSavedModel(export).signature("predict").load());
        assertTrue(noSig.getMessage().contains("predict") && noSig.getMessage().contains("serving_default"),
                noSig.getMessage());
        var notDir = assertThrows(ModelImportException.class,
                () -> TensorFlowImporter.fromSavedModel(dir.resolve("nothing")).load());
        assertTrue(notDir.getMessage().contains("nothing"), notDir.getMessage());
        var badTag = assertThrows(ModelImportException.class,
                () -> TensorFlowImporter.fromSavedModel(export).tags("train").load());
        assertTrue(badTag.getMessage().contains("train"), badTag.getMessage());
    }
}
