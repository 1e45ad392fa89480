/**
 * TensorFlow.js graph models ({@code model.json} with {@code "format": "graph-model"} and binary weight shards, or
 * the same bundled as JavaScript modules) imported as {@link io.trt4j.convert.tf.FrozenGraph}s that TensorFlow runs:
 * weights decoded and dequantized, TF.js-only fused ops rewritten into standard TensorFlow ops.
 *
 * <p>Entry point: {@link io.trt4j.convert.tfjs.TfjsModel}.
 */
package io.trt4j.convert.tfjs;
