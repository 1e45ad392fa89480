package io.trt4j.image.internal.jpeg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Run by {@link VectorSwitchTest} in a child JVM, so that it sees a fresh JVM's first decode: decodes the first JPEG
 * (asking for the vector kernels) before anything else touches the decoder, prints which kernels that decode ran and
 * the CRC-32 of its pixels, then {@link JpegDecoder#vectorStatus()}, the CRC-32 of the full-size decodes of all the
 * given JPEGs and the kernels all the decodes ran. Output lines are {@code key=value}.
 */
public final class VectorProbe {
    private VectorProbe() {
    }

    /** @param args fancyH1v2 ("true" / "false"), then JPEG files */
    public static void main(String[] args) throws Exception {
        boolean fancy = Boolean.parseBoolean(args[0]);
        String[] files = Arrays.copyOfRange(args, 1, args.length);
        long firstCrc = checksum(fancy, new String[] {files[0]}, true);
        System.out.println("firstDecode=" + kernelsRun());
        System.out.println("firstCrc=" + firstCrc);
        System.out.println("status=" + JpegDecoder.vectorStatus());
        System.out.println("crc=" + checksum(fancy, files, true));
        System.out.println("decodes=" + kernelsRun());
    }

    /** The decodes so far that ran the vector kernels. */
    static String kernelsRun() {
        return "vector " + VectorKernels.vectorDecodes();
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
