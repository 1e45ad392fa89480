package io.trt4j.convert.tfjs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small TF.js graph model written by hand: x [-1,3] -> MatMul w [3,2] (float32) -> BiasAdd b [2] (uint8-quantized)
 * -> Relu "y"; one shard "group1-shard1of1.bin".
 */
final class SyntheticTfjsModel {
    static final float[] W = {0.5f, -1.25f, 2f, 0.75f, -0.5f, 1.5f};
    static final int[] B_Q = {3, 250};
    static final double B_SCALE = 0.01;
    static final double B_MIN = -1.0;

    private SyntheticTfjsModel() {
    }

    static String json(String shardPath, String wDtype, String bQuantDtype) {
        return """
            {
              "format": "graph-model",
              "generatedBy": "hand",
              "convertedBy": "trt4j test",
              "signature": {"inputs": {"x:0": {"name": "x:0", "dtype": "DT_FLOAT"}},
                            "outputs": {"y:0": {"name": "y:0", "dtype": "DT_FLOAT"}}},
              "modelTopology": {
                "node": [
                  {"name": "x", "op": "Placeholder", "attr": {
                     "dtype": {"type": "DT_FLOAT"},
                     "shape": {"shape": {"dim": [{"size": "-1"}, {"size": "3"}]}}}},
                  {"name": "w", "op": "Const", "attr": {
                     "dtype": {"type": "DT_FLOAT"},
                     "value": {"tensor": {"dtype": "DT_FLOAT", "tensorShape": {"dim": [{"size": "3"}, {"size": "2"}]}}}}},
                  {"name": "b", "op": "Const", "attr": {
                     "dtype": {"type": "DT_FLOAT"},
                     "value": {"tensor": {"dtype": "DT_FLOAT", "tensorShape": {"dim": [{"size": "2"}]}}}}},
                  {"name": "mm", "op": "_FusedMatMul", "input": ["x", "w", "b"], "attr": {
                     "T": {"type": "DT_FLOAT"}, "transpose_a": {"b": false}, "transpose_b": {"b": false},
                     "num_args": {"i": "1"}, "epsilon": {"f": 0},
                     "fused_ops": {"list": {"s": ["Qmlhc0FkZA=="]}}}},
                  {"name": "y", "op": "Relu", "input": ["mm"], "attr": {"T": {"type": "DT_FLOAT"}}}
                ],
                "library": {},
                "versions": {"producer": 1395}
              },
              "weightsManifest": [{
                "paths": ["%s"],
                "weights": [
                  {"name": "w", "shape": [3, 2], "dtype": "%s"},
                  {"name": "b", "shape": [2], "dtype": "float32",
                   "quantization": {"dtype": "%s", "scale": 0.01, "min": -1.0}}
                ]
              }]
            }
            """.formatted(shardPath, wDtype, bQuantDtype);
    }

    static byte[] shard() {
        ByteBuffer b = ByteBuffer.allocate(W.length * 4 + B_Q.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float w : W) {
            b.putFloat(w);
        }
        for (int q : B_Q) {
            b.put((byte) q);
        }
        return b.array();
    }

    /** Writes model.json and its shard into {@code dir}; returns model.json. */
    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("group1-shard1of1.bin"), shard());
        Path json = dir.resolve("model.json");
        Files.writeString(json, json("group1-shard1of1.bin", "float32", "uint8"));
        return json;
    }

    /** y = relu(x W + b) computed in Java (float math, as TensorFlow does for a 3-term dot product: not bit-exact). */
    static float[] expected(float[] x) {
        int rows = x.length / 3;
        float[] y = new float[rows * 2];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 2; c++) {
                float s = 0;
                for (int k = 0; k < 3; k++) {
                    s += x[r * 3 + k] * W[k * 2 + c];
                }
                s += (float) (B_Q[c] * B_SCALE + B_MIN);
                y[r * 2 + c] = Math.max(0f, s);
            }
        }
        return y;
    }
}
