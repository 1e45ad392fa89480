package io.trt4j.image.post;

/**
 * One ranked class: its index in the model output, its label ("" if none), and its score (as given: a probability
 * after {@link Softmax}, otherwise a logit).
 *
 * <p>Thread-safety: immutable record.
 *
 * @param index model output index
 * @param label class label
 * @param score the output value at {@code index}
 */
public record Prediction(int index, String label, float score) {
}
