package io.trt4j.convert.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;

class JsonParserTest {
    @Test
    void strictJsonAndMinifiedJavaScriptLiterals() throws Exception {
        Object v = JsonParser.parse("{\"a\": [1, -2.5e-3, \"x\\u0041\\n\"], \"b\": {}, \"c\": true, \"d\": null}");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of(new BigDecimal("1"), new BigDecimal("-2.5e-3"), "xA\n"), m.get("a"));
        assertEquals(Map.of(), m.get("b"));
        assertEquals(Boolean.TRUE, m.get("c"));
        assertTrue(m.containsKey("d") && m.get("d") == null);

        Map<?, ?> js = (Map<?, ?>) JsonParser.parse("{min:-.118,scale:.0009,ok:!0,no:!1,'q':'it\\'s',$k:[]}");
        assertEquals(new BigDecimal("-.118"), js.get("min"));
        assertEquals(0.0009, ((BigDecimal) js.get("scale")).doubleValue(), 0);
        assertEquals(Boolean.TRUE, js.get("ok"));
        assertEquals(Boolean.FALSE, js.get("no"));
        assertEquals("it's", js.get("q"));
        assertEquals(List.of(), js.get("$k"));
    }

    @Test
    void errorsGiveOffsets() {
        for (String bad : List.of("{\"a\": [1, 2", "{\"a\" 1}", "[1,,2]", "{\"a\": \"unterminated", "{a:1} x",
                "", "{\"a\": tru}")) {
            var e = assertThrows(JsonParser.SyntaxException.class, () -> JsonParser.parse(bad), bad);
            assertTrue(e.getMessage().contains("offset"), e.getMessage());
        }
        assertThrows(JsonParser.SyntaxException.class, () -> JsonParser.parse("[".repeat(10_000)));
    }

    @Test
    void protoJsonMapsTfjsNodeDefs() throws Exception {
        Object json = JsonParser.parse("{name:'c',op:'Const',input:['^x'],attr:{value:{tensor:{dtype:'DT_INT32',"
                + "tensorShape:{dim:[{size:'2'}]},intVal:[3,4]}},dtype:{type:3},strides:{list:{i:['1','2']}},"
                + "f:{f:'NaN'},s:{s:'UmVsdTY='}}}");
        NodeDef.Builder b = NodeDef.newBuilder();
        ProtoJson.merge(json, b, "node");
        NodeDef n = b.build();
        assertEquals("Const", n.getOp());
        assertEquals(List.of("^x"), n.getInputList());
        assertEquals(DataType.DT_INT32, n.getAttrOrThrow("value").getTensor().getDtype());
        assertEquals(List.of(3, 4), n.getAttrOrThrow("value").getTensor().getIntValList());
        assertEquals(2, n.getAttrOrThrow("value").getTensor().getTensorShape().getDim(0).getSize());
        assertEquals(DataType.DT_INT32, n.getAttrOrThrow("dtype").getType());
        assertEquals(List.of(1L, 2L), n.getAttrOrThrow("strides").getList().getIList());
        assertTrue(Float.isNaN(n.getAttrOrThrow("f").getF()));
        assertEquals("Relu6", n.getAttrOrThrow("s").getS().toStringUtf8());

        var e = assertThrows(ProtoJson.MappingException.class, () -> ProtoJson.merge(
                JsonParser.parse("{attr:{dtype:{type:'DT_NOPE'}}}"), NodeDef.newBuilder(), "node[7]"));
        assertTrue(e.getMessage().contains("node[7].attr.dtype") && e.getMessage().contains("DT_NOPE"),
                e.getMessage());
        var e2 = assertThrows(ProtoJson.MappingException.class, () -> ProtoJson.merge(
                JsonParser.parse("{attr:{k:{i:'12x'}}}"), NodeDef.newBuilder(), "node"));
        assertTrue(e2.getMessage().contains("12x"), e2.getMessage());
    }
}
