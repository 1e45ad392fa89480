package io.trt4j.cli;

import io.trt4j.core.DataType;
import io.trt4j.core.Shape;
import io.trt4j.core.TensorInfo;
import io.trt4j.image.Normalization;
import io.trt4j.image.Preprocessor;
import io.trt4j.image.TensorLayout;

/**
 * Chooses the image preprocessing that fits an engine's image input: NHWC when the last dimension is 3, NCHW when
 * the second is; the size from the engine's shape; float32 values in the range the named preset gives.
 *
 * <p>Thread-safety: stateless.
 */
final class ImageInputs {
    private ImageInputs() {
    }

    static Normalization normalization(String preset) {
        return switch (preset) {
            case "inception" -> Normalization.INCEPTION;
            case "imagenet" -> Normalization.IMAGENET;
            case "zero-one" -> Normalization.ZERO_ONE;
            case "caffe" -> Normalization.CAFFE_BGR;
            case "none" -> Normalization.NONE;
            default -> throw new IllegalArgumentException("unknown --normalize '" + preset
                    + "': one of inception, imagenet, zero-one, caffe, none");
        };
    }

    static Preprocessor forInput(TensorInfo input, Shape maxShape, String preset) {
        return forInput(input, maxShape, preset, false);
    }

    /** As above; {@code fastDecode} as {@link Preprocessor.Builder#fastDecode}. */
    static Preprocessor forInput(TensorInfo input, Shape maxShape, String preset, boolean fastDecode) {
        Shape s = input.shape();
        if (s.rank() != 4) {
            throw new IllegalArgumentException("input '" + input.name() + "' has shape " + s + ": not an image batch");
        }
        boolean nhwc = s.dim(3) == 3;
        boolean nchw = s.dim(1) == 3;
        if (!nhwc && !nchw) {
            throw new IllegalArgumentException("input '" + input.name() + "' has shape " + s
                    + ": neither NHWC nor NCHW with 3 channels");
        }
        long h = nhwc ? pick(s.dim(1), maxShape.dim(1)) : pick(s.dim(2), maxShape.dim(2));
        long w = nhwc ? pick(s.dim(2), maxShape.dim(2)) : pick(s.dim(3), maxShape.dim(3));
        if (input.dataType() != DataType.FLOAT && input.dataType() != DataType.HALF) {
            throw new IllegalArgumentException("input '" + input.name() + "' is " + input.dataType()
                    + ": the command line fills FLOAT or HALF image inputs");
        }
        Preprocessor.Builder b = Preprocessor.builder((int) w, (int) h)
                .layout(nhwc ? TensorLayout.NHWC : TensorLayout.NCHW)
                .dataType(input.dataType())
                .fastDecode(fastDecode);
        if (preset.equals("caffe")) {
            b.colorOrder(io.trt4j.image.ColorOrder.BGR);
        }
        return b.normalization(normalization(preset)).build();
    }

    private static long pick(long engineDim, long maxDim) {
        return engineDim > 0 ? engineDim : maxDim;
    }
}
