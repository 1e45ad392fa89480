package io.trt4j.image;

import java.util.Optional;

/**
 * Container formats {@link ImageDecoder} reads, recognised by their leading signature bytes (never by file name).
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public enum ImageFormat {
    /** JPEG/JFIF/Exif: {@code FF D8 FF}. */
    JPEG("jpeg"),
    /** PNG: {@code 89 50 4E 47 0D 0A 1A 0A}. */
    PNG("png"),
    /** Windows bitmap: {@code 42 4D} ("BM"). */
    BMP("bmp"),
    /** GIF87a/GIF89a: "GIF8"; only the first frame is decoded. */
    GIF("gif");

    private final String imageIoName;

    ImageFormat(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    /** The javax.imageio format name. */
    public String imageIoName() {
        return imageIoName;
    }

    /** The format whose signature starts {@code data}, if any. */
    public static Optional<ImageFormat> sniff(byte[] data) {
        if (startsWith(data, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(data, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(data, 'G', 'I', 'F', '8')) {
            return Optional.of(GIF);
        }
        if (startsWith(data, 'B', 'M')) {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] data, int... signature) {
        if (data.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((data[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
