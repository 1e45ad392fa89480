package io.trt4j.convert.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.convert.onnx.proto.Onnx.NodeProto;
import io.trt4j.convert.tf.FrozenGraph;
import io.trt4j.convert.zoo.ModelZoo;
import io.trt4j.convert.zoo.ZooModel;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * End to end: every zoo model (seeded weights, native input size) converted to ONNX and run in ONNX Runtime against
 * TensorFlow Java on the same batch of two images, per output rel L2 <= 1e-5 and max abs <= 1e-4; the converted CNN
 * keeps exactly one Transpose (after the NHWC input) and no Conv is followed by an unfolded batch-norm Mul.
 */
class ZooConversionTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(ZooModel.class)
    void zooModelMatchesTensorFlow(ZooModel model) {
        FrozenGraph frozen = ModelZoo.build(model, 7);
        try (TfGraph t = new TfGraph(frozen, 42, 2, 0f, 1f)) {
            OnnxModel m = Parity.check(t);
            System.out.println(model.displayName() + ": " + m.report());
            List<NodeProto> transposes = m.proto().getGraph().getNodeList().stream()
                    .filter(n -> n.getOpType().equals("Transpose")).toList();
            assertEquals(1, transposes.size(), m.report().toString());
            assertEquals(List.of(ModelZoo.INPUT), transposes.get(0).getInputList());
            assertTrue(m.report().onnxOpCount("Conv") > 20);
            assertEquals(0, m.report().onnxOpCount("Mul"), m.report().toString());
        }
    }

    @org.junit.jupiter.api.Test
    void mobilenetV2WithNchwInputHasNoTransposeAtAll() {
        FrozenGraph frozen = ModelZoo.build(ZooModel.MOBILENET_V2, io.trt4j.convert.zoo.ZooOptions.of(3)
                .withInputSize(96));
        try (TfGraph t = new TfGraph(frozen, 43, 2, 0f, 1f)) {
            OnnxModel m = Parity.check(t, ConverterOptions.builder().inputsAsNchw(true).build());
            assertEquals(0, m.report().onnxOpCount("Transpose"), m.report().toString());
            assertEquals(List.of(-1L, 3L, 96L, 96L), java.util.Arrays.stream(m.inputs().get(0).shape().toArray())
                    .boxed().toList());
        }
    }
}
