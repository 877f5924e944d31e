package io.mailseal.packaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import net.lingala.zip4j.io.outputstream.ZipOutputStream;
import net.lingala.zip4j.model.ZipParameters;
import net.lingala.zip4j.model.enums.AesKeyStrength;
import net.lingala.zip4j.model.enums.AesVersion;
import net.lingala.zip4j.model.enums.CompressionMethod;
import net.lingala.zip4j.model.enums.EncryptionMethod;

/**
 * Writes files into a ZIP whose every entry is encrypted with AES-256 (WinZip AE-2, as zip4j, 7-Zip and WinZip
 * read it; the classic ZipCrypto is never used), deflated.
 *
 * <p>Stateless and thread-safe.
 */
public final class ProtectedZip {

    private ProtectedZip() {
    }

    /**
     * Writes the ZIP.
     *
     * @param entries  file name to content, in the order to write them
     * @param password the password that opens every entry; not empty
     * @return the ZIP's bytes
     * @throws UncheckedIOException if zip4j fails (it writes to memory only)
     */
    public static byte[] write(Map<String, byte[]> entries, char[] password) {
        Objects.requireNonNull(entries, "entries");
        if (password.length == 0) {
            throw new IllegalArgumentException("a protected ZIP needs a password");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, password.clone())) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipParameters parameters = new ZipParameters();
                parameters.setFileNameInZip(entry.getKey());
                parameters.setCompressionMethod(CompressionMethod.DEFLATE);
                parameters.setEncryptFiles(true);
                parameters.setEncryptionMethod(EncryptionMethod.AES);
                parameters.setAesKeyStrength(AesKeyStrength.KEY_STRENGTH_256);
                parameters.setAesVersion(AesVersion.TWO);
                parameters.setLastModifiedFileTime(315532800000L + 86400000L);
                zip.putNextEntry(parameters);
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the protected ZIP could not be written", e);
        }
        return bytes.toByteArray();
    }
}
