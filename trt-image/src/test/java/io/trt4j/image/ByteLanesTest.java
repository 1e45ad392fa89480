package io.trt4j.image;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link ByteLanes}: every start alignment, every tail length, values above 127, and the float re-interleaving. */
class ByteLanesTest {

    @Test
    void splitPutsByteBInLaneBMod4AtBDiv4() {
        byte[] src = new byte[64];
        new Random(3).nextBytes(src);
        src[0] = (byte) 0xFF;
        src[63] = (byte) 0x80;
        ByteLanes lanes = new ByteLanes(src, 64);
        for (int from = 0; from < 8; from++) {
            for (int len = 0; from + len <= src.length; len++) {
                int n = ByteLanes.laneLength(len);
                int[][] dst = new int[4][n];
                for (int[] lane : dst) {
                    java.util.Arrays.fill(lane, -1); // must all be overwritten
                }
                lanes.split(from, len, dst);
                for (int b = 0; b < 4 * n; b++) {
                    int expected = b < len ? src[from + b] & 0xFF : 0;
                    assertEquals(expected, dst[b & 3][b >> 2], "from " + from + " len " + len + " byte " + b);
                }
                float[] back = new float[4 * n];
                ByteLanes.lanesToFloats(dst, n, back);
                for (int b = 0; b < 4 * n; b++) {
                    assertEquals(b < len ? src[from + b] & 0xFF : 0, back[b], 0f, "floats, byte " + b);
                }
            }
        }
    }

    @Test
    void lanesToFloatsRoundsLargeIntsOnce() {
        int big = (255 << 22) + 3; // not representable in float: rounds to the nearest float
        int[][] lanes = {{big}, {1 << 30}, {7}, {0}};
        float[] out = new float[4];
        ByteLanes.lanesToFloats(lanes, 1, out);
        assertEquals((float) big, out[0], 0f);
        assertEquals((float) (1 << 30), out[1], 0f);
        assertEquals(7f, out[2], 0f);
        assertEquals(0f, out[3], 0f);
    }

    @Test
    void fixedPointWeightsSumToExactlyOne() {
        for (ResizeMethod m : ResizeMethod.values()) {
            for (int[] s : new int[][] {{768, 299}, {13, 40}, {997, 3}, {1, 5}, {300, 17}}) {
                ResampleTable t = ResampleTable.build(m, 0, s[0], s[1], 0, s[1]);
                int[] w = RowResampler.fixedPoint(t);
                for (int j = 0; j < t.count; j++) {
                    long sum = 0;
                    for (int k = 0; k < t.taps[j]; k++) {
                        int wk = w[j * t.maxTaps + k];
                        sum += wk;
                        double exact = t.weights[j * t.maxTaps + k] * (double) (1 << RowResampler.FRACTION_BITS);
                        assertEquals(exact, wk, 1.0 + t.taps[j] / 2.0, m + " " + s[0] + "->" + s[1] + " entry " + j);
                    }
                    assertEquals(1L << RowResampler.FRACTION_BITS, sum, m + " " + s[0] + "->" + s[1] + " entry " + j);
                }
            }
        }
    }
}
