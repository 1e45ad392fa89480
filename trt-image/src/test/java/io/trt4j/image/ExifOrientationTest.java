package io.trt4j.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A JPEG of four solid quadrants (red TL, green TR, blue BL, white BR; 32 x 16) gets an APP1 Exif segment built here
 * byte by byte, in both TIFF byte orders; decoding must give the upright image of the right size.
 */
class ExifOrientationTest {
    private static final int W = 32;
    private static final int H = 16;
    private static final int RED = 0, GREEN = 1, BLUE = 2, WHITE = 3;

    @ParameterizedTest(name = "orientation {0}, little endian {1}")
    @CsvSource({
        // value, littleEndian, width, height, quadrant colours of the upright image: TL, TR, BL, BR
        "1, true,  32, 16, 0, 1, 2, 3",
        "2, false, 32, 16, 1, 0, 3, 2",
        "3, true,  32, 16, 3, 2, 1, 0",
        "4, false, 32, 16, 2, 3, 0, 1",
        "5, true,  16, 32, 0, 2, 1, 3",
        "6, false, 16, 32, 2, 0, 3, 1",
        "7, true,  16, 32, 3, 1, 2, 0",
        "8, false, 16, 32, 1, 3, 0, 2",
        "6, true,  16, 32, 2, 0, 3, 1",
        "8, true,  16, 32, 1, 3, 0, 2",
    })
    void appliesOrientation(int value, boolean little, int w, int h, int tl, int tr, int bl, int br) throws Exception {
        byte[] jpeg = withExif(quadrantJpeg(), value, little);
        assertEquals(value, ExifOrientation.fromJpeg(jpeg).tagValue());
        RgbImage img = ImageDecoder.defaults().decode(jpeg, "exif-" + value + ".jpg");
        assertEquals(w, img.width(), "width");
        assertEquals(h, img.height(), "height");
        assertEquals(tl, colour(img, w / 4, h / 4), "top-left");
        assertEquals(tr, colour(img, 3 * w / 4, h / 4), "top-right");
        assertEquals(bl, colour(img, w / 4, 3 * h / 4), "bottom-left");
        assertEquals(br, colour(img, 3 * w / 4, 3 * h / 4), "bottom-right");
    }

    @Test
    void orientationIgnoredWhenDisabledOrMalformed() throws Exception {
        byte[] jpeg = withExif(quadrantJpeg(), 6, true);
        RgbImage raw = ImageDecoder.builder().exifOrientation(false).build().decode(jpeg, "x.jpg");
        assertEquals(W, raw.width());
        // a truncated Exif block (IFD offset past the segment) is ignored, the image still decodes upright-as-stored
        byte[] broken = jpeg.clone();
        int ifdOffset = 2 + 4 + 18 + 6 + 4; // after SOI, APP0 (18 bytes), APP1 marker+len, "Exif\0\0", "II*\0"
        broken[ifdOffset] = (byte) 0xF0;
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.fromJpeg(broken));
        assertEquals(W, ImageDecoder.defaults().decode(broken, "broken.jpg").width());
    }

    @Test
    void applyOnPixelsMatchesDefinitions() {
        RgbImage img = TestImages.random(5, 3, 1);
        for (ExifOrientation o : ExifOrientation.values()) {
            RgbImage up = o.apply(img);
            for (int y = 0; y < up.height(); y++) {
                for (int x = 0; x < up.width(); x++) {
                    int w = 5;
                    int hh = 3;
                    int[] s = switch (o.tagValue()) {
                        case 1 -> new int[] {x, y};
                        case 2 -> new int[] {w - 1 - x, y};
                        case 3 -> new int[] {w - 1 - x, hh - 1 - y};
                        case 4 -> new int[] {x, hh - 1 - y};
                        case 5 -> new int[] {y, x};
                        case 6 -> new int[] {y, hh - 1 - x};
                        case 7 -> new int[] {w - 1 - y, hh - 1 - x};
                        default -> new int[] {w - 1 - y, x};
                    };
                    for (int c = 0; c < 3; c++) {
                        assertEquals(img.get(s[0], s[1], c), up.get(x, y, c), o + " at " + x + "," + y);
                    }
                }
            }
        }
    }

    private static int colour(RgbImage img, int x, int y) {
        int r = img.get(x, y, 0);
        int g = img.get(x, y, 1);
        int b = img.get(x, y, 2);
        if (r > 200 && g > 200 && b > 200) {
            return WHITE;
        }
        if (r > 200 && g < 60 && b < 60) {
            return RED;
        }
        if (g > 200 && r < 60 && b < 60) {
            return GREEN;
        }
        if (b > 200 && r < 60 && g < 60) {
            return BLUE;
        }
        throw new AssertionError("unexpected colour " + r + "," + g + "," + b + " at " + x + "," + y);
    }

    private static byte[] quadrantJpeg() {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean right = x >= W / 2;
                boolean bottom = y >= H / 2;
                int rgb = !bottom ? (!right ? 0xFF0000 : 0x00FF00) : (!right ? 0x0000FF : 0xFFFFFF);
                img.setRGB(x, y, rgb);
            }
        }
        byte[] jpeg = TestImages.encode(img, "jpeg");
        // ImageIO writes SOI then an 18-byte JFIF APP0 (FF E0 00 10 ...)
        assertEquals(0xE0, jpeg[3] & 0xFF);
        assertEquals(16, ((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        return jpeg;
    }

    /** Inserts after APP0: FF E1, length, "Exif\0\0", TIFF header, IFD0 with one Orientation (SHORT) entry. */
    static byte[] withExif(byte[] jpeg, int orientation, boolean little) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        if (little) {
            tiff.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0}); // IFD0 at offset 8
            tiff.writeBytes(new byte[] {1, 0}); // one entry
            tiff.writeBytes(new byte[] {0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0});
            tiff.writeBytes(new byte[] {0, 0, 0, 0}); // no next IFD
        } else {
            tiff.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
            tiff.writeBytes(new byte[] {0, 1});
            tiff.writeBytes(new byte[] {0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0});
            tiff.writeBytes(new byte[] {0, 0, 0, 0});
        }
        byte[] payload = tiff.toByteArray();
        int length = 2 + 6 + payload.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int app0End = 2 + 2 + 16;
        out.write(jpeg, 0, app0End);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(payload);
        out.write(jpeg, app0End, jpeg.length - app0End);
        return out.toByteArray();
    }
}
