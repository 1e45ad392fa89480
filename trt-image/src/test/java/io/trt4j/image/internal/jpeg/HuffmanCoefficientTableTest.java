package io.trt4j.image.internal.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.image.Fixtures;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * {@link HuffmanTable#coefficient} of the photos' real AC tables against a decode of every prefix written here from
 * the canonical code ({@link HuffmanTable#maxCode}, {@link HuffmanTable#valueOffset}, {@link HuffmanTable#values}),
 * not from the table's own lookups; {@link HuffmanTable#pair} the same way, two codes deep.
 */
class HuffmanCoefficientTableTest {
    @Test
    void everyPrefixOfThePhotosAcTablesDecodesAsTheCanonicalCode() throws Exception {
        int direct = 0;
        int longerValue = 0;
        for (String name : new String[] {"dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg"}) {
            JpegHeader header = JpegDecoder.readHeader(Files.readAllBytes(Fixtures.image(name)));
            for (JpegHeader.Component c : header.components) {
                HuffmanTable t = c.ac();
                for (int prefix = 0; prefix < 1 << HuffmanTable.LOOKUP_BITS; prefix++) {
                    int e = t.coefficient[prefix];
                    String where = name + " component " + c.id() + " prefix " + prefix;
                    int[] code = canonical(t, prefix);
                    if (code == null) { // no code of up to LOOKUP_BITS bits starts here
                        assertEquals(HuffmanTable.NOT_DIRECT | HuffmanTable.LONG_CODE_FLAG, e, where);
                        continue;
                    }
                    int len = code[0];
                    int run = code[1] >> 4;
                    int size = code[1] & 15;
                    if (run == 0 && size == 0) {
                        assertEquals(HuffmanTable.NOT_DIRECT | HuffmanTable.EOB_FLAG | len, e, where);
                        continue;
                    }
                    assertEquals(len + size, e & 63, where + ": bits taken");
                    assertEquals(run + 1, (e >>> 6) & 31, where + ": run + 1");
                    if (len + size > HuffmanTable.LOOKUP_BITS) {
                        assertEquals(HuffmanTable.NOT_DIRECT, e & (HuffmanTable.NOT_DIRECT | HuffmanTable.EOB_FLAG
                                | HuffmanTable.LONG_CODE_FLAG), where);
                        assertEquals(size, (e >>> 12) & 15, where + ": size");
                        longerValue++;
                        continue;
                    }
                    assertEquals(0, e & HuffmanTable.NOT_DIRECT, where);
                    int bits = (prefix >> (HuffmanTable.LOOKUP_BITS - len - size)) & ((1 << size) - 1);
                    // JPEG's magnitude categories: a top bit of 0 means a negative value
                    int value = size == 0 ? 0 : bits >= 1 << (size - 1) ? bits : bits - (1 << size) + 1;
                    assertEquals(value, e >> 16, where + ": value");
                    direct++;
                }
            }
        }
        System.out.printf("HuffmanCoefficientTableTest: %d direct and %d longer-value prefixes checked%n", direct,
                longerValue);
        assertTrue(direct > 1000 && longerValue > 100, direct + " / " + longerValue);
    }

    @Test
    void pairEntriesHoldTheNextWholeSmallCoefficientOfThePrefix() throws Exception {
        int pairs = 0;
        int singles = 0;
        int mask = (1 << HuffmanTable.LOOKUP_BITS) - 1;
        for (String name : new String[] {"dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg"}) {
            JpegHeader header = JpegDecoder.readHeader(Files.readAllBytes(Fixtures.image(name)));
            for (JpegHeader.Component c : header.components) {
                HuffmanTable t = c.ac();
                for (int prefix = 0; prefix <= mask; prefix++) {
                    String where = name + " component " + c.id() + " prefix " + prefix;
                    int e = t.pair[prefix];
                    int[] first = wholeCoefficient(t, prefix, HuffmanTable.LOOKUP_BITS);
                    if (first == null) {
                        assertEquals(t.coefficient[prefix], e, where + ": not a whole coefficient: as coefficient[]");
                        continue;
                    }
                    int taken = first[0];
                    int[] second = wholeCoefficient(t, (prefix << taken) & mask, HuffmanTable.LOOKUP_BITS - taken);
                    boolean pair = second != null && second[2] >= -16 && second[2] <= 15;
                    assertEquals(0, e & HuffmanTable.NOT_DIRECT, where);
                    assertEquals(taken + (pair ? second[0] : 0), e & 63, where + ": bits taken");
                    assertEquals(first[1] + 1, (e >>> 6) & 31, where + ": run + 1");
                    assertEquals(first[2], e >> 22, where + ": first value");
                    assertEquals(pair ? second[1] + 1 : 0, (e >>> 12) & 31, where + ": second run + 1");
                    assertEquals(pair ? second[2] : 0, (e << 10) >> 27, where + ": second value");
                    if (pair) {
                        pairs++;
                    } else {
                        singles++;
                    }
                }
            }
        }
        System.out.printf("HuffmanCoefficientTableTest: %d pair and %d single prefixes checked%n", pairs, singles);
        assertTrue(pairs > 1000 && singles > 100, pairs + " / " + singles);
    }

    @Test
    void aFirstCoefficientBeyond511IsAValueBitsEntryInThePairTable() throws Exception {
        // a 1-bit code for run 0 / size 10: values of up to +-1023 fit an 11-bit prefix whole
        int[] counts = new int[17];
        counts[1] = 1;
        counts[2] = 1;
        counts[3] = 1;
        HuffmanTable t = HuffmanTable.build(counts, new int[] {0x0A, 0x01, 0x00}, true);
        int beyond = 0;
        for (int prefix = 0; prefix < 1 << 10; prefix++) { // code 0, then 10 value bits
            int bits = prefix;
            int value = bits >= 512 ? bits : bits - 1023;
            int e = t.pair[prefix];
            if (value < -512 || value > 511) {
                assertEquals(HuffmanTable.NOT_DIRECT | (10 << 12) | (1 << 6) | 11, e, "prefix " + prefix);
                beyond++;
            } else {
                assertEquals(0, e & HuffmanTable.NOT_DIRECT, "prefix " + prefix);
                assertEquals(value, e >> 22, "prefix " + prefix);
                assertEquals(11, e & 63, "prefix " + prefix);
            }
        }
        assertEquals(1023, beyond, "size 10: every value but -512 lies outside -512..511");
    }

    /**
     * {@code {bits taken, run, value}} of the coefficient (not EOB) whose code and value bits lie whole in the top
     * {@code known} bits of the {@code LOOKUP_BITS}-bit {@code prefix}, or null.
     */
    private static int[] wholeCoefficient(HuffmanTable t, int prefix, int known) {
        int[] code = canonical(t, prefix);
        if (code == null || code[1] == 0 || code[0] + (code[1] & 15) > known) {
            return null;
        }
        int len = code[0];
        int size = code[1] & 15;
        int bits = (prefix >> (HuffmanTable.LOOKUP_BITS - len - size)) & ((1 << size) - 1);
        int value = size == 0 ? 0 : bits >= 1 << (size - 1) ? bits : bits - (1 << size) + 1;
        return new int[] {len + size, code[1] >> 4, value};
    }

    /** {@code {length, symbol}} of the code that {@code prefix} starts with, if at most LOOKUP_BITS long. */
    private static int[] canonical(HuffmanTable t, int prefix) {
        for (int len = 1; len <= HuffmanTable.LOOKUP_BITS; len++) {
            int code = prefix >> (HuffmanTable.LOOKUP_BITS - len);
            if (t.maxCode[len] >= 0 && code <= t.maxCode[len]) {
                return new int[] {len, t.values[t.valueOffset[len] + code]};
            }
        }
        return null;
    }
}
