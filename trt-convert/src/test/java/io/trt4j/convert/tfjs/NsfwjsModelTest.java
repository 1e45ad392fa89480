package io.trt4j.convert.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.convert.tf.FrozenGraph;
import io.trt4j.convert.tf.TensorFlowRunner;
import io.trt4j.convert.tf.TensorSpec;
import io.trt4j.convert.tf.TensorValue;
import io.trt4j.core.DataType;
import io.trt4j.core.Shape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.NodeDef;

/** The real nsfwjs 4.3.0 MobileNetV2 (uint8-quantized TF.js graph model) on real photos. */
class NsfwjsModelTest {
    static final List<String> CLASSES = List.of("Drawing", "Hentai", "Neutral", "Porn", "Sexy");
    static final List<String> PHOTOS = List.of("coffee.png", "chelsea.png", "astronaut.png", "dog.jpg", "eagle.jpg",
            "fruits.jpg", "baboon.jpg");

    static Path bundle;
    static FrozenGraph graph;

    @BeforeAll
    static void load() throws Exception {
        bundle = Fixtures.file("nsfwjs/mobilenet_v2_mid");
        graph = TfjsModel.fromJsBundle(bundle);
    }

    @Test
    void bundleImportsWithTheSignatureAndOnlyStandardOps() {
        assertEquals(List.of(new TensorSpec("input:0", DataType.FLOAT, Shape.of(-1, 224, 224, 3))), graph.inputs());
        assertEquals(List.of(new TensorSpec("Identity:0", DataType.FLOAT, Shape.of(-1, 5))), graph.outputs());
        for (NodeDef n : graph.graphDef().getNodeList()) {
            assertFalse(n.getOp().startsWith("_") || n.getOp().startsWith("Fused"), n.getName() + ": " + n.getOp());
        }
        long depthwise = graph.graphDef().getNodeList().stream()
                .filter(n -> n.getOp().equals("DepthwiseConv2dNative")).count();
        assertEquals(17, depthwise);
        assertTrue(graph.graphDef().getNodeList().stream().anyMatch(n -> n.getOp().equals("Relu6")));
    }

    @Test
    void photosGiveDistributionsAndSafeClassesForCatAndCoffee() throws Exception {
        int n = PHOTOS.size();
        float[] batch = new float[n * 224 * 224 * 3];
        for (int i = 0; i < n; i++) {
            float[] img = Fixtures.rgb01("images/" + PHOTOS.get(i), 224);
            System.arraycopy(img, 0, batch, i * img.length, img.length);
        }
        float[] probs = TensorFlowRunner.run(graph, Map.of("input:0",
                TensorValue.ofFloats(Shape.of(n, 224, 224, 3), batch))).get("Identity:0").toFloats();
        assertEquals(n * 5, probs.length);
        for (int i = 0; i < n; i++) {
            float sum = 0;
            int top = 0;
            StringBuilder line = new StringBuilder(PHOTOS.get(i) + ":");
            for (int c = 0; c < 5; c++) {
                float p = probs[i * 5 + c];
                assertTrue(p >= 0 && p <= 1, PHOTOS.get(i) + " " + CLASSES.get(c) + " = " + p);
                sum += p;
                top = p > probs[i * 5 + top] ? c : top;
                line.append(String.format(" %s=%.3f", CLASSES.get(c), p));
            }
            System.out.println(line);
            assertEquals(1f, sum, 1e-4f, PHOTOS.get(i));
            if (PHOTOS.get(i).equals("chelsea.png") || PHOTOS.get(i).equals("coffee.png")) {
                assertFalse(Set.of("Porn", "Hentai", "Sexy").contains(CLASSES.get(top)),
                        PHOTOS.get(i) + " top-1 is " + CLASSES.get(top));
            }
        }
        // The photos are not all the same to the model.
        boolean differ = false;
        for (int i = 1; i < n && !differ; i++) {
            differ = Math.abs(probs[i * 5 + 2] - probs[2]) > 1e-3;
        }
        assertTrue(differ, "every photo got the same probabilities");
    }

    @Test
    void sameModelAsModelJsonWithBinaryShardsGivesTheSameGraph(@TempDir Path dir) throws Exception {
        String js = Files.readString(bundle.resolve("model.min.js"), StandardCharsets.UTF_8);
        Object model = JsBundle.exportedValue(js, bundle.resolve("model.min.js"));
        Files.writeString(dir.resolve("model.json"), JsonWriter.write(model));
        for (String shard : List.of("group1-shard1of2", "group1-shard2of2")) {
            String b64 = (String) JsBundle.exportedValue(Files.readString(bundle.resolve(shard + ".min.js")),
                    bundle.resolve(shard + ".min.js"));
            Files.write(dir.resolve(shard), Base64.getDecoder().decode(b64));
        }
        FrozenGraph fromJson = TfjsModel.load(dir.resolve("model.json"));
        assertEquals(graph.graphDef(), fromJson.graphDef());
        assertEquals(graph.inputs(), fromJson.inputs());
        assertEquals(graph.outputs(), fromJson.outputs());
    }

    @Test
    void frozenModelWrittenAsPbRunsTheSame(@TempDir Path dir) throws Exception {
        Path pb = dir.resolve("nsfwjs_mobilenet_v2.pb");
        io.trt4j.convert.tf.FrozenGraphs.write(graph, pb);
        FrozenGraph back = io.trt4j.convert.tf.TensorFlowImporter.fromGraphDef(pb).load();
        assertEquals(graph.inputs(), back.inputs());
        assertEquals(graph.outputs(), back.outputs());
        float[] img = Fixtures.rgb01("images/chelsea.png", 224);
        Map<String, TensorValue> in = Map.of("input:0", TensorValue.ofFloats(Shape.of(1, 224, 224, 3), img));
        float[] a = TensorFlowRunner.run(graph, in).get("Identity:0").toFloats();
        float[] b = TensorFlowRunner.run(back, in).get("Identity:0").toFloats();
        for (int i = 0; i < a.length; i++) {
            assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "class " + CLASSES.get(i));
        }
    }
}
