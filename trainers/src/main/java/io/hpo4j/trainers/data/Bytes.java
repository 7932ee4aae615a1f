package io.hpo4j.trainers.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/** Reading, hashing and un-gzipping source files; package-private helpers for the loaders. */
final class Bytes {

    private Bytes() {
    }

    /** The whole file; a missing file is a {@link NoSuchFileException} naming it. */
    static byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        return Files.readAllBytes(file);
    }

    /** The whole classpath resource {@code name} (absolute, as for {@link Class#getResourceAsStream}). */
    static byte[] readResource(String name) throws IOException {
        try (InputStream in = Bytes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new NoSuchFileException(name, null, "no such resource on the classpath");
            }
            return in.readAllBytes();
        }
    }

    /** Whether {@code bytes} start with the gzip magic number 0x1f 0x8b. */
    static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    /** {@code bytes} un-gzipped if they are gzip (detected by magic number, not by name), as they are otherwise. */
    static byte[] gunzipIfNeeded(String source, byte[] bytes) throws IOException {
        if (!isGzip(bytes)) {
            return bytes;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IOException(source + ": starts with the gzip magic number but is not a valid gzip stream: "
                    + e.getMessage(), e);
        }
    }

    /** Hex SHA-256 of the concatenation of {@code parts}. */
    static String sha256(byte[]... parts) {
        MessageDigest digest = sha256Digest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e.getMessage(), e);
    }
}
