/**
 * Post-processing of classifier outputs: numerically stable {@link io.trt4j.image.post.Softmax}, top-k selection
 * ({@link io.trt4j.image.post.TopK}) and class labels ({@link io.trt4j.image.post.Labels}), including the 1000-line
 * ImageNet list and models with an extra background class at index 0 (1001 outputs).
 */
package io.trt4j.image.post;
