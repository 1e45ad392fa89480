package io.trt4j.image.internal.jpeg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Run by {@link VectorSwitchTest} in a child JVM: prints {@link JpegDecoder#vectorStatus()} and a CRC-32 of
 * the full-size decodes of the given JPEGs.
 */
public final class VectorProbe {
    private VectorProbe() {
    }

    /** @param args fancyH1v2 ("true" / "false"), then JPEG files */
    public static void main(String[] args) throws Exception {
        System.out.println("status=" + JpegDecoder.vectorStatus());
        System.out.println("crc=" + checksum(Boolean.parseBoolean(args[0]), java.util.Arrays.copyOfRange(args, 1,
                args.length), true));
    }

    static long checksum(boolean fancyH1v2, String[] files, boolean vector) throws Exception {
        CRC32 crc = new CRC32();
        for (String file : files) {
            byte[] data = Files.readAllBytes(Path.of(file));
            crc.update(JpegDecoder.decode(data, JpegDecoder.readHeader(data), 1, fancyH1v2, vector).pixels());
        }
        return crc.getValue();
    }
}
