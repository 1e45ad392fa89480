package io.trt4j.convert.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.trt4j.core.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.FunctionDefLibrary;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;

/**
 * A TF2-shaped graph: the output is a StatefulPartitionedCall of a wrapper function that calls the model function,
 * which reads a captured resource variable inside. Freezing inlines both levels and freezes the read.
 */
class FunctionInliningTest {
    private static AttrValue type(DataType t) {
        return AttrValue.newBuilder().setType(t).build();
    }

    private static AttrValue types(DataType... ts) {
        AttrValue.ListValue.Builder l = AttrValue.ListValue.newBuilder();
        for (DataType t : ts) {
            l.addType(t);
        }
        return AttrValue.newBuilder().setList(l).build();
    }

    private static AttrValue func(String name) {
        return AttrValue.newBuilder().setFunc(NameAttrList.newBuilder().setName(name)).build();
    }

    private static OpDef.ArgDef arg(String name, DataType t) {
        return OpDef.ArgDef.newBuilder().setName(name).setType(t).build();
    }

    static GraphDef tf2Graph() {
        FunctionDef inner = FunctionDef.newBuilder()
                .setSignature(OpDef.newBuilder().setName("__inference_model_11").setIsStateful(true)
                        .addInputArg(arg("x", DataType.DT_FLOAT)).addInputArg(arg("w", DataType.DT_RESOURCE))
                        .addOutputArg(arg("y", DataType.DT_FLOAT)))
                .addNodeDef(NodeDef.newBuilder().setName("read").setOp("ReadVariableOp").addInput("w")
                        .putAttr("dtype", type(DataType.DT_FLOAT)))
                .addNodeDef(NodeDef.newBuilder().setName("mm").setOp("MatMul").addInput("x").addInput("read:value:0")
                        .putAttr("T", type(DataType.DT_FLOAT)))
                .addNodeDef(NodeDef.newBuilder().setName("act").setOp("Tanh").addInput("mm:product:0")
                        .putAttr("T", type(DataType.DT_FLOAT)))
                .putRet("y", "act:y:0")
                .build();
        FunctionDef wrapper = FunctionDef.newBuilder()
                .setSignature(OpDef.newBuilder().setName("__inference_signature_wrapper_22").setIsStateful(true)
                        .addInputArg(arg("x", DataType.DT_FLOAT)).addInputArg(arg("w", DataType.DT_RESOURCE))
                        .addOutputArg(arg("output_0", DataType.DT_FLOAT)))
                .addNodeDef(NodeDef.newBuilder().setName("call").setOp("StatefulPartitionedCall").addInput("x")
                        .addInput("w").putAttr("f", func("__inference_model_11"))
                        .putAttr("Tin", types(DataType.DT_FLOAT, DataType.DT_RESOURCE))
                        .putAttr("Tout", types(DataType.DT_FLOAT)))
                .addNodeDef(NodeDef.newBuilder().setName("Identity").setOp("Identity").addInput("call:output:0")
                        .putAttr("T", type(DataType.DT_FLOAT)))
                .putRet("output_0", "Identity:output:0")
                .build();
        float[] w = TestModels.seeded(31, 8 * 3);
        ByteBuffer wb = ByteBuffer.allocate(w.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        wb.asFloatBuffer().put(w);
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dim.newBuilder().setSize(8)).addDim(TensorShapeProto.Dim.newBuilder().setSize(3))
                .build();
        TensorShapeProto xShape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dim.newBuilder().setSize(-1)).addDim(TensorShapeProto.Dim.newBuilder().setSize(8))
                .build();
        return GraphDef.newBuilder()
                .setLibrary(FunctionDefLibrary.newBuilder().addFunction(inner).addFunction(wrapper))
                .addNode(NodeDef.newBuilder().setName("serving_default_x").setOp("Placeholder")
                        .putAttr("dtype", type(DataType.DT_FLOAT))
                        .putAttr("shape", AttrValue.newBuilder().setShape(xShape).build()))
                .addNode(NodeDef.newBuilder().setName("dense/kernel").setOp("VarHandleOp")
                        .putAttr("dtype", type(DataType.DT_FLOAT))
                        .putAttr("shape", AttrValue.newBuilder().setShape(shape).build())
                        .putAttr("shared_name", AttrValue.newBuilder().setS(ByteString.copyFromUtf8("dense/kernel"))
                                .build()))
                .addNode(NodeDef.newBuilder().setName("init_value").setOp("Const")
                        .putAttr("dtype", type(DataType.DT_FLOAT))
                        .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder()
                                .setDtype(DataType.DT_FLOAT).setTensorShape(shape)
                                .setTensorContent(ByteString.copyFrom(wb.array()))).build()))
                .addNode(NodeDef.newBuilder().setName("init").setOp("AssignVariableOp").addInput("dense/kernel")
                        .addInput("init_value").putAttr("dtype", type(DataType.DT_FLOAT)))
                .addNode(NodeDef.newBuilder().setName("StatefulPartitionedCall").setOp("StatefulPartitionedCall")
                        .addInput("serving_default_x").addInput("dense/kernel")
                        .putAttr("f", func("__inference_signature_wrapper_22"))
                        .putAttr("Tin", types(DataType.DT_FLOAT, DataType.DT_RESOURCE))
                        .putAttr("Tout", types(DataType.DT_FLOAT)))
                .build();
    }

    @Test
    void nestedCallsReadingCapturedVariablesAreInlinedAndFrozenBitForBit() throws Exception {
        try (Graph g = new Graph()) {
            g.importGraphDef(tf2Graph());
            try (Session s = new Session(g)) {
                s.runner().addTarget("init").run().close();
                float[] reference;
                try (TFloat32 x = TestModels.input(3, 5, 8)) {
                    reference = TestModels.run(s, "serving_default_x", x, "StatefulPartitionedCall");
                }
                FrozenGraph frozen = SessionFreezer.of(s).inputs("serving_default_x:0")
                        .outputs("StatefulPartitionedCall:0").freeze();
                Set<String> banned = Set.of("VarHandleOp", "ReadVariableOp", "StatefulPartitionedCall",
                        "PartitionedCall", "AssignVariableOp");
                for (NodeDef n : frozen.graphDef().getNodeList()) {
                    assertFalse(banned.contains(n.getOp()), n.getName() + " is " + n.getOp());
                }
                assertEquals(0, frozen.graphDef().getLibrary().getFunctionCount());
                assertTrue(frozen.graphDef().getNodeList().stream().anyMatch(n -> n.getOp().equals("MatMul")));
                assertEquals(List.of(new TensorSpec("StatefulPartitionedCall:0", io.trt4j.core.DataType.FLOAT,
                        Shape.of(-1, 3))), frozen.outputs());
                float[] ours = TensorFlowRunner.run(frozen, Map.of("serving_default_x:0",
                        TensorValue.ofFloats(Shape.of(5, 8), TestModels.seeded(3, 40)))).get(
                                "StatefulPartitionedCall:0").toFloats();
                assertEquals(reference.length, ours.length);
                for (int i = 0; i < ours.length; i++) {
                    assertEquals(Float.floatToRawIntBits(reference[i]), Float.floatToRawIntBits(ours[i]), "#" + i);
                }
            }
        }
    }
}
