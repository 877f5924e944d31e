package io.mailseal.confluence.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.settings.SecretCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Carries a previewed instructions CSV from the preview to the confirmation, the way {@link SigningUploads} carries a
 * checked upload: the file's name and (gzipped) bytes with the time, sealed by the settings' {@link SecretCodec}
 * (AES-GCM with the key in the shared home) under a field bound to the admin's user key. So the confirmation
 * processes exactly the file the admin saw, on any node, without keeping anything on the server; a token is good for
 * {@link #PENDING_FOR} and for the admin it was made for only, and a changed token does not open.
 *
 * <p>Thread-safe: holds thread-safe services only.
 */
final class BatchTokens {

    /** How long a previewed file may be confirmed. */
    static final Duration PENDING_FOR = Duration.ofMinutes(30);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FIELD = "ca.batch.pending.";

    private final SecretCodec seal;
    private final Clock clock;

    /**
     * A pending file.
     *
     * @param file    its name
     * @param content its bytes
     */
    record Pending(String file, byte[] content) {

        /** Copies. */
        Pending {
            Objects.requireNonNull(file, "file");
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public String toString() {
            return "Pending[" + file + ", " + content.length + " bytes]";
        }
    }

    BatchTokens(SecretCodec seal, Clock clock) {
        this.seal = Objects.requireNonNull(seal, "seal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Seals a file for an admin. */
    String seal(String adminKey, String file, byte[] content) {
        String json = MAPPER.createObjectNode().put("file", file).put("issued", clock.instant().toString())
                .put("data", Base64.getEncoder().encodeToString(gzip(content))).toString();
        return seal.seal(FIELD + adminKey, Secret.of(json));
    }

    /** Opens a token of this admin that is still good; empty for anything else. */
    Optional<Pending> open(String adminKey, String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Checked<Secret> opened;
        try {
            opened = seal.open(FIELD + adminKey, token.strip());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (opened.value().isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(opened.value().get().reveal());
            Instant issued = Instant.parse(node.path("issued").asText());
            if (clock.instant().isAfter(issued.plus(PENDING_FOR)) || clock.instant().isBefore(issued)) {
                return Optional.empty();
            }
            return Optional.of(new Pending(node.path("file").asText(),
                    gunzip(Base64.getDecoder().decode(node.path("data").asText()))));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** At most one byte more than a CSV may have, so a token cannot unpack into more. */
    private static byte[] gunzip(byte[] packed) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            byte[] content = in.readNBytes(io.mailseal.confluence.jobs.CaAdministration.MAX_CSV_BYTES + 1);
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
