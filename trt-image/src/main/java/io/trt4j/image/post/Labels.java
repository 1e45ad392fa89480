package io.trt4j.image.post;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Class labels, one per line, line {@code i} (0-based) naming class {@code i}: the format of OpenCV's
 * {@code classification_classes_ILSVRC2012.txt} (1000 lines, "tench, Tinca tinca": synonyms separated by ", ") and of
 * most {@code labels.txt} files. A UTF-8 byte order mark, {@code \r} line ends and trailing empty lines are ignored;
 * an empty line in between is an error. Models trained with TF-slim (Inception v3, MobileNet) have 1001 outputs with a
 * "background" class at index 0: {@link #forOutput(int, int)} shifts by one when the output has exactly one more
 * entry than there are labels.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public final class Labels {
    /** The label of the extra index 0 of 1001-class models. */
    public static final String BACKGROUND = "background";

    private final List<String> labels;

    private Labels(List<String> labels) {
        this.labels = labels;
    }

    /** Labels from a list (copied); none may be null or empty. */
    public static Labels of(List<String> labels) {
        List<String> copy = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            String s = Objects.requireNonNull(labels.get(i), "label " + i);
            if (s.isEmpty()) {
                throw new IllegalArgumentException("label " + i + " is empty");
            }
            copy.add(s);
        }
        return new Labels(Collections.unmodifiableList(copy));
    }

    /**
     * Reads a UTF-8 label file.
     *
     * @throws IOException              if it cannot be read
     * @throws IllegalArgumentException naming the file and line if it has no labels or an empty line before the end
     */
    public static Labels read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads UTF-8 labels from a stream (not closed); {@code sourceName} appears in errors. */
    public static Labels read(InputStream in, String sourceName) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = r.readLine()) != null) {
            if (lines.isEmpty() && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            lines.add(line.strip());
        }
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isEmpty()) {
            end--;
        }
        if (end == 0) {
            throw new IllegalArgumentException(sourceName + ": no labels");
        }
        for (int i = 0; i < end; i++) {
            if (lines.get(i).isEmpty()) {
                throw new IllegalArgumentException(sourceName + ": line " + (i + 1) + " is empty");
            }
        }
        return new Labels(Collections.unmodifiableList(new ArrayList<>(lines.subList(0, end))));
    }

    /** Number of labels. */
    public int size() {
        return labels.size();
    }

    /** The full label of class {@code index} (0-based line). */
    public String get(int index) {
        return labels.get(Objects.checkIndex(index, labels.size()));
    }

    /** The first synonym of class {@code index}: the text before the first ", " ("tench" for "tench, Tinca tinca"). */
    public String shortName(int index) {
        String s = get(index);
        int comma = s.indexOf(',');
        return comma < 0 ? s : s.substring(0, comma).strip();
    }

    /** All labels, unmodifiable. */
    public List<String> asList() {
        return labels;
    }

    /**
     * The label of output index {@code index} of a model with {@code outputSize} classes: {@link #get(int)} when
     * {@code outputSize == size()}; {@link #BACKGROUND} for 0 and {@code get(index - 1)} otherwise when
     * {@code outputSize == size() + 1}.
     *
     * @throws IllegalArgumentException if {@code outputSize} is neither
     */
    public String forOutput(int index, int outputSize) {
        Objects.checkIndex(index, outputSize);
        if (outputSize == labels.size()) {
            return labels.get(index);
        }
        if (outputSize == labels.size() + 1) {
            return index == 0 ? BACKGROUND : labels.get(index - 1);
        }
        throw new IllegalArgumentException("model has " + outputSize + " classes but there are " + labels.size()
                + " labels (expected " + labels.size() + " or " + (labels.size() + 1) + " with background)");
    }
}
