package io.trt4j.image.post;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopKTest {
    @Test
    void matchesFullSortWithStableTies() {
        Random rnd = new Random(9);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(300);
            float[] s = new float[n];
            for (int i = 0; i < n; i++) {
                s[i] = rnd.nextInt(20); // many ties
            }
            int k = rnd.nextInt(n + 3);
            int[] expected = IntStream.range(0, n).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparingInt(i -> i))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, TopK.indices(s, k), "n=" + n + " k=" + k + " " + Arrays.toString(s));
        }
    }

    @Test
    void nanRanksLastAndOffsetsAreRelative() {
        float[] s = {9f, Float.NaN, 1f, 5f, Float.NaN};
        assertArrayEquals(new int[] {0, 3, 2, 1}, TopK.indices(s, 4));
        assertArrayEquals(new int[] {2, 1}, TopK.indices(s, 1, 3, 2)); // window {NaN, 1, 5}
        assertThrows(IllegalArgumentException.class, () -> TopK.indices(s, -1));
    }

    @Test
    void predictionsCarryLabels() {
        Labels labels = Labels.of(List.of("cat", "dog", "eagle"));
        float[] probs = {0.1f, 0.7f, 0.2f};
        List<Prediction> top = TopK.of(probs, 2, labels);
        assertEquals(new Prediction(1, "dog", 0.7f), top.get(0));
        assertEquals(new Prediction(2, "eagle", 0.2f), top.get(1));
        // 1001-output model: index 0 is background, index i is label i - 1
        float[] withBackground = {0.05f, 0.1f, 0.8f, 0.05f};
        assertEquals(new Prediction(2, "dog", 0.8f), TopK.of(withBackground, 1, labels).get(0));
    }
}
