package io.trt4j.convert.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The engine-cache key: SHA-256 over the ONNX bytes, the configuration's {@link EngineConfig#fingerprint()}, the
 * TensorRT version and the GPU (name and compute capability), since a plan runs only where it was built.
 *
 * <p>Thread-safety: stateless.
 */
final class EngineCacheKey {
    /** Bumped when the key's ingredients change, so old cache entries are never mistaken for new ones. */
    private static final String SCHEME = "trt4j-engine-cache-v1";

    private EngineCacheKey() {
    }

    /** Hex SHA-256 of the model, configuration and build environment. */
    static String of(byte[] onnx, EngineConfig config, String tensorRtVersion, String device) {
        MessageDigest sha = sha256();
        update(sha, SCHEME);
        sha.update(sha256().digest(onnx));
        update(sha, config.fingerprint());
        update(sha, tensorRtVersion);
        update(sha, device);
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) (bytes.length >>> 24));
        sha.update((byte) (bytes.length >>> 16));
        sha.update((byte) (bytes.length >>> 8));
        sha.update((byte) bytes.length);
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
