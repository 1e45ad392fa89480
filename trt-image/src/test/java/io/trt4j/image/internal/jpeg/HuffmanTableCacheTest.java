package io.trt4j.image.internal.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link HuffmanTable#cached}: equal definitions share one table, different ones do not, bad ones still fail. */
class HuffmanTableCacheTest {
    /** The JPEG specification's luminance DC table (Annex K.3). */
    private static final int[] DC_COUNTS = {0, 0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
    private static final int[] DC_VALUES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};

    @Test
    void equalDefinitionsShareOneTable() throws Exception {
        HuffmanTable a = HuffmanTable.cached(DC_COUNTS.clone(), DC_VALUES.clone(), false);
        HuffmanTable b = HuffmanTable.cached(DC_COUNTS.clone(), DC_VALUES.clone(), false);
        assertSame(a, b);
        HuffmanTable built = HuffmanTable.build(DC_COUNTS, DC_VALUES, false);
        assertArrayEquals(built.lookup, a.lookup);
        assertArrayEquals(built.fast, a.fast);
    }

    @Test
    void differentDefinitionsOrClassesGetTheirOwn() throws Exception {
        HuffmanTable dc = HuffmanTable.cached(DC_COUNTS.clone(), DC_VALUES.clone(), false);
        assertNotSame(dc, HuffmanTable.cached(DC_COUNTS.clone(), DC_VALUES.clone(), true)); // same codes, AC table
        int[] swapped = DC_VALUES.clone();
        swapped[0] = 1;
        swapped[1] = 0;
        HuffmanTable other = HuffmanTable.cached(DC_COUNTS.clone(), swapped, false);
        assertNotSame(dc, other);
        // the first 2-bit code means symbol 1 now
        assertArrayEquals(new int[] {(2 << 8) | 1}, new int[] {other.lookup[0]});
    }

    @Test
    void aCachedKeyIsNotChangedByTheCallersArrays() throws Exception {
        int[] counts = DC_COUNTS.clone();
        int[] values = DC_VALUES.clone();
        HuffmanTable a = HuffmanTable.cached(counts, values, false);
        values[0] = 11; // the caller reuses its arrays for another table
        values[11] = 0;
        HuffmanTable b = HuffmanTable.cached(DC_COUNTS.clone(), DC_VALUES.clone(), false);
        assertSame(a, b);
    }

    @Test
    void badDefinitionsFailEveryTime() {
        int[] overfull = new int[17];
        overfull[1] = 3; // three 1-bit codes
        for (int i = 0; i < 2; i++) {
            assertThrows(CorruptJpegException.class, () -> HuffmanTable.cached(overfull, new int[] {0, 1, 2}, true));
        }
    }
}
