/**
 * TensorFlow model import: frozen GraphDefs ({@code .pb}, {@code .pbtxt}), SavedModels, TF1 checkpoints
 * ({@code .meta} + variables) and live TensorFlow Java sessions, all turned into a {@link io.trt4j.convert.tf.FrozenGraph}
 * (constants only, pruned to its outputs, inputs and outputs named), plus {@link io.trt4j.convert.tf.TensorFlowRunner}
 * to run a frozen graph on TensorFlow Java's CPU kernels as a reference.
 *
 * <p>Entry points: {@link io.trt4j.convert.tf.TensorFlowImporter}, {@link io.trt4j.convert.tf.CheckpointFreezer},
 * {@link io.trt4j.convert.tf.SessionFreezer}, {@link io.trt4j.convert.tf.FrozenGraphs}. Bad files raise the checked
 * {@link io.trt4j.convert.tf.ModelImportException}; unknown tensor names raise {@link IllegalArgumentException}.
 */
package io.trt4j.convert.tf;
