package io.trt4j.convert.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trt4j.core.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.NodeDef;

/**
 * Models written by Python TensorFlow 2.18 (opt-in fixtures: {@code TRT4J_FIXTURES_PYTHON_TF=1
 * .ci/fetch-fixtures.sh}): a TF2 SavedModel reading its variables inside function calls, a TF1 checkpoint with ref
 * and resource variables after a training step, and a TF1 SavedModel. Frozen by trt4j and run by TensorFlow Java, they
 * give Python TensorFlow's outputs bit for bit. Skipped, with the reason, where the fixtures are absent.
 */
class PythonTensorFlowModelsTest {
    static Path dir;
    static TensorValue input;

    @BeforeAll
    static void fixtures() throws Exception {
        String root = System.getProperty("trt4j.fixtures");
        if (root == null || root.isBlank()) {
            root = System.getenv("TRT4J_FIXTURES");
        }
        assumeTrue(root != null && !root.isBlank(), "no fixtures folder set (trt4j.fixtures / TRT4J_FIXTURES)");
        dir = Path.of(root, "tf-python");
        assumeTrue(Files.isRegularFile(dir.resolve(".done")), dir + " is absent: run "
                + "TRT4J_FIXTURES_PYTHON_TF=1 .ci/fetch-fixtures.sh to create the Python TensorFlow models");
        input = TensorValue.ofFloats(Shape.of(2, 8, 8, 3), read("x.bin"));
    }

    static float[] read(String file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(file))).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    static void assertBitsEqual(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    "element " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    static void assertFrozen(FrozenGraph g) {
        Set<String> banned = Set.of("VariableV2", "VarHandleOp", "ReadVariableOp", "StatefulPartitionedCall",
                "PartitionedCall", "Assign", "AssignVariableOp", "SaveV2", "RestoreV2", "ApplyGradientDescent");
        for (NodeDef n : g.graphDef().getNodeList()) {
            assertFalse(banned.contains(n.getOp()), n.getName() + " is a " + n.getOp());
        }
    }

    @Test
    void tf2SavedModelFreezesThroughItsFunctionCalls() throws Exception {
        SavedModelImporter.Imported m = TensorFlowImporter.fromSavedModel(dir.resolve("tf2_saved")).loadSignature();
        assertFrozen(m.graph());
        assertEquals(0, m.graph().graphDef().getLibrary().getFunctionCount());
        assertEquals("serving_default_images:0", m.inputAliases().get("images"));
        assertEquals(List.of(new TensorSpec("serving_default_images:0", io.trt4j.core.DataType.FLOAT,
                Shape.of(-1, 8, 8, 3))), m.graph().inputs());
        Map<String, TensorValue> out = TensorFlowRunner.run(m.graph(), Map.of("serving_default_images:0", input));
        assertBitsEqual(read("tf2_probs.bin"), out.get(m.outputAliases().get("probs")).toFloats());
        assertBitsEqual(read("tf2_logits.bin"), out.get(m.outputAliases().get("logits")).toFloats());
    }

    @Test
    void tf1CheckpointAfterTrainingFreezes() throws Exception {
        FrozenGraph g = CheckpointFreezer.builder().metaGraph(dir.resolve("tf1_ckpt/model.ckpt-1.meta"))
                .checkpoint(dir.resolve("tf1_ckpt/model.ckpt-1")).outputs("logits").freeze();
        assertFrozen(g);
        assertEquals(List.of("input:0"), g.inputs().stream().map(TensorSpec::name).toList());
        assertBitsEqual(read("tf1_logits.bin"),
                TensorFlowRunner.run(g, Map.of("input:0", input)).get("logits:0").toFloats());
    }

    @Test
    void tf1SavedModelFreezes() throws Exception {
        SavedModelImporter.Imported m = TensorFlowImporter.fromSavedModel(dir.resolve("tf1_saved")).loadSignature();
        assertFrozen(m.graph());
        assertEquals("input:0", m.inputAliases().get("images"));
        assertBitsEqual(read("tf1_logits.bin"), TensorFlowRunner.run(m.graph(), Map.of("input:0", input))
                .get(m.outputAliases().get("logits")).toFloats());
    }
}
