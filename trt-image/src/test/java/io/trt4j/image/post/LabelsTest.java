package io.trt4j.image.post;

import io.trt4j.image.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelsTest {
    @Test
    void opencvImagenetList() throws Exception {
        // classification_classes_ILSVRC2012.txt from opencv-doc: 1000 lines, no background entry
        Labels labels = Labels.read(Fixtures.labels("classification_classes_ILSVRC2012.txt"));
        assertEquals(1000, labels.size());
        assertEquals("tench, Tinca tinca", labels.get(0));
        assertEquals("tench", labels.shortName(0));
        assertEquals("toilet tissue", labels.shortName(999));
        assertEquals("tabby", labels.shortName(281));
        assertEquals("tabby, tabby cat", labels.forOutput(281, 1000));
        // TF-slim Inception v3 has 1001 outputs; 0 is background
        assertEquals(Labels.BACKGROUND, labels.forOutput(0, 1001));
        assertEquals("tabby", labels.shortName(281));
        assertTrue(labels.forOutput(282, 1001).startsWith("tabby"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> labels.forOutput(0, 10));
        assertTrue(e.getMessage().contains("10") && e.getMessage().contains("1000"), e.getMessage());
    }

    @Test
    void bomCrlfAndTrailingBlankLines() throws Exception {
        String text = "\uFEFFcat\r\ndog\r\n\r\n\n";
        Labels l = Labels.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "l.txt");
        assertEquals(2, l.size());
        assertEquals("cat", l.get(0));
        assertEquals("dog", l.get(1));
    }

    @Test
    void emptyOrGappedFilesRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Labels.read(new ByteArrayInputStream(new byte[0]), "empty.txt"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Labels.read(
                new ByteArrayInputStream("a\n\nb\n".getBytes(StandardCharsets.UTF_8)), "gap.txt"));
        assertTrue(e.getMessage().contains("gap.txt") && e.getMessage().contains("line 2"), e.getMessage());
    }
}
