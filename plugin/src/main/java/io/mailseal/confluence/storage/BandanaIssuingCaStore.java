package io.mailseal.confluence.storage;

import com.atlassian.bandana.BandanaManager;
import com.atlassian.confluence.setup.bandana.ConfluenceBandanaContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailseal.ca.SealedIssuingCa;
import java.util.Objects;
import java.util.Optional;

/**
 * The built-in CA's issuing CA at rest, in Bandana key {@value #KEY} (global context): JSON with the private key as
 * {@link SecretBox} sealed it ({@link SealedIssuingCa#FIELD}) and the certificate path as PEM. Not part of the
 * settings export: the CA key never leaves the instance that way.
 *
 * <p>Thread-safe: no state of its own; Bandana is shared by the cluster.
 */
public final class BandanaIssuingCaStore {

    /** The Bandana key. */
    public static final String KEY = "io.mailseal.ca";
    /** The version of the JSON written. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BandanaManager bandana;

    /**
     * Creates the store.
     *
     * @param bandana Confluence's Bandana
     */
    public BandanaIssuingCaStore(BandanaManager bandana) {
        this.bandana = Objects.requireNonNull(bandana, "bandana");
    }

    /**
     * The stored issuing CA.
     *
     * @return the sealed CA, or empty when none is set
     * @throws IllegalStateException if the stored value is not a sealed CA
     */
    public Optional<SealedIssuingCa> load() {
        Object value = bandana.getValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, KEY, false);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String json)) {
            throw new IllegalStateException("Bandana key " + KEY + " does not hold the issuing CA as JSON text");
        }
        try {
            JsonNode root = MAPPER.readTree(json);
            return Optional.of(new SealedIssuingCa(root.path("sealedKey").asText(""),
                    root.path("certificates").asText("")));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("Bandana key " + KEY + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Stores an issuing CA, replacing the one before.
     *
     * @param ca the sealed CA; not null
     */
    public void save(SealedIssuingCa ca) {
        Objects.requireNonNull(ca, "ca");
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("sealedKey", ca.sealedKey());
        root.put("certificates", ca.certificates());
        try {
            bandana.setValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, KEY, MAPPER.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the issuing CA cannot be written as JSON", e);
        }
    }

    @Override
    public String toString() {
        return "BandanaIssuingCaStore[" + KEY + "]";
    }
}
