package io.trt4j.image.internal;

/**
 * Finds the Orientation tag (0x0112) in the first APP1 "Exif" segment of a JPEG byte stream. Every read is
 * bounds-checked: malformed data yields 0 ("absent"), never an exception.
 *
 * <p>Thread-safety: stateless.
 */
public final class JpegExif {
    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TYPE_SHORT = 3;

    private JpegExif() {
    }

    /** The orientation tag value, or 0 when absent or unreadable. */
    public static int orientation(byte[] jpeg) {
        if (jpeg.length < 4 || u8(jpeg, 0) != 0xFF || u8(jpeg, 1) != 0xD8) {
            return 0;
        }
        int p = 2;
        while (p + 4 <= jpeg.length) {
            if (u8(jpeg, p) != 0xFF) {
                return 0;
            }
            int marker = u8(jpeg, p + 1);
            if (marker == 0xFF) { // fill byte
                p++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) { // start of scan / end of image: no more metadata
                return 0;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // markers without a length
                p += 2;
                continue;
            }
            int length = u16be(jpeg, p + 2); // includes the two length bytes
            if (length < 2 || p + 2 + length > jpeg.length) {
                return 0;
            }
            if (marker == 0xE1) {
                int value = fromApp1(jpeg, p + 4, length - 2);
                if (value >= 0) {
                    return value;
                }
            }
            p += 2 + length;
        }
        return 0;
    }

    /** Orientation from an APP1 payload, 0 if Exif without the tag, -1 if not an Exif APP1 (e.g. XMP). */
    private static int fromApp1(byte[] b, int start, int length) {
        if (length < 6 + 8 || b[start] != 'E' || b[start + 1] != 'x' || b[start + 2] != 'i' || b[start + 3] != 'f'
                || b[start + 4] != 0 || b[start + 5] != 0) {
            return -1;
        }
        int tiff = start + 6;
        int end = start + length;
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 0;
        }
        if (u16(b, tiff + 2, little) != 42) {
            return 0;
        }
        long ifd = u32(b, tiff + 4, little);
        if (ifd < 8 || tiff + ifd + 2 > end) {
            return 0;
        }
        int p = (int) (tiff + ifd);
        int count = u16(b, p, little);
        p += 2;
        for (int i = 0; i < count; i++, p += 12) {
            if (p + 12 > end) {
                return 0;
            }
            if (u16(b, p, little) == TAG_ORIENTATION) {
                if (u16(b, p + 2, little) != TYPE_SHORT || u32(b, p + 4, little) < 1) {
                    return 0;
                }
                int value = u16(b, p + 8, little); // a SHORT is left-justified in the 4-byte value field
                return value >= 1 && value <= 8 ? value : 0;
            }
        }
        return 0;
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static int u16be(byte[] b, int i) {
        return (u8(b, i) << 8) | u8(b, i + 1);
    }

    private static int u16(byte[] b, int i, boolean little) {
        return little ? (u8(b, i + 1) << 8) | u8(b, i) : u16be(b, i);
    }

    private static long u32(byte[] b, int i, boolean little) {
        long v = little
                ? ((long) u8(b, i + 3) << 24) | (u8(b, i + 2) << 16) | (u8(b, i + 1) << 8) | u8(b, i)
                : ((long) u8(b, i) << 24) | (u8(b, i + 1) << 16) | (u8(b, i + 2) << 8) | u8(b, i + 3);
        return v & 0xFFFFFFFFL;
    }
}
