package io.mailseal.confluence.storage;

import com.atlassian.bandana.BandanaManager;
import com.atlassian.confluence.setup.bandana.ConfluenceBandanaContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailseal.ca.SealedIssuingCa;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The built-in CA's issuing CAs at rest, in Bandana key {@value #KEY} (global context): JSON with the current issuing
 * CA and the ones it replaced ("retired", newest first), each with its private key as {@link SecretBox} sealed it
 * ({@link SealedIssuingCa#FIELD}), its certificate path as PEM, and the id of its CRL ({@link Issuer#crlId()}). Not
 * part of the settings export: a CA key never leaves the instance that way. Schema 1 (one CA, no id) reads as a
 * current CA with the empty id.
 *
 * <p>Thread-safe: no state of its own; Bandana is shared by the cluster.
 */
public final class BandanaIssuingCaStore {

    /** The Bandana key. */
    public static final String KEY = "io.mailseal.ca";
    /** The version of the JSON written. */
    public static final int SCHEMA_VERSION = 2;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BandanaManager bandana;

    /**
     * One stored issuing CA.
     *
     * @param sealed the sealed CA; not null
     * @param crlId  which CRL it signs: empty for the first CA ever set (the plain CRL URL), else a short id in
     *               the CRL URL's {@code ca} parameter; letters and digits only
     */
    public record Issuer(SealedIssuingCa sealed, String crlId) {

        /** Validates the values. */
        public Issuer {
            Objects.requireNonNull(sealed, "sealed");
            Objects.requireNonNull(crlId, "crlId");
            if (!crlId.matches("[0-9a-zA-Z]{0,64}")) {
                throw new IllegalArgumentException("a CRL id has letters and digits only, at most 64");
            }
        }
    }

    /**
     * What is stored.
     *
     * @param current the CA that issues now; not null
     * @param retired the CAs it replaced, newest first; they only sign their CRLs; not null
     */
    public record Issuers(Issuer current, List<Issuer> retired) {

        /** Validates and copies. */
        public Issuers {
            Objects.requireNonNull(current, "current");
            retired = List.copyOf(retired);
        }
    }

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
     * @return the sealed current CA, or empty when none is set
     * @throws IllegalStateException if the stored value is not a sealed CA
     */
    public Optional<SealedIssuingCa> load() {
        return loadAll().map(issuers -> issuers.current().sealed());
    }

    /**
     * The stored issuing CAs, current and retired.
     *
     * @return them, or empty when none is set
     * @throws IllegalStateException if the stored value cannot be read
     */
    public Optional<Issuers> loadAll() {
        Object value = bandana.getValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, KEY, false);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String json)) {
            throw new IllegalStateException("Bandana key " + KEY + " does not hold the issuing CA as JSON text");
        }
        try {
            JsonNode root = MAPPER.readTree(json);
            List<Issuer> retired = new ArrayList<>();
            for (JsonNode node : root.path("retired")) {
                retired.add(issuer(node));
            }
            return Optional.of(new Issuers(issuer(root), retired));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("Bandana key " + KEY + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static Issuer issuer(JsonNode node) {
        return new Issuer(new SealedIssuingCa(node.path("sealedKey").asText(""), node.path("certificates").asText("")),
                node.path("crlId").asText(""));
    }

    /**
     * Stores the first issuing CA (its CRL at the plain URL). Use {@link #replace} when one is set.
     *
     * @param ca the sealed CA; not null
     */
    public void save(SealedIssuingCa ca) {
        write(new Issuers(new Issuer(Objects.requireNonNull(ca, "ca"), ""), List.of()));
    }

    /**
     * Makes a new CA the current one and the current one the newest retired one.
     *
     * @param ca    the sealed new CA; not null
     * @param crlId its CRL id; not empty, not the id of a stored CA
     * @throws IllegalStateException if no CA is set, or the id is taken
     */
    public void replace(SealedIssuingCa ca, String crlId) {
        Issuers stored = loadAll().orElseThrow(() -> new IllegalStateException("no issuing CA is set to replace"));
        if (crlId.isEmpty() || stored.current().crlId().equals(crlId)
                || stored.retired().stream().anyMatch(old -> old.crlId().equals(crlId))) {
            throw new IllegalStateException("the CRL id " + crlId + " is empty or taken");
        }
        List<Issuer> retired = new ArrayList<>();
        retired.add(stored.current());
        retired.addAll(stored.retired());
        write(new Issuers(new Issuer(Objects.requireNonNull(ca, "ca"), crlId), retired));
    }

    private void write(Issuers issuers) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        put(root, issuers.current());
        ArrayNode retired = root.putArray("retired");
        for (Issuer old : issuers.retired()) {
            put(retired.addObject(), old);
        }
        try {
            bandana.setValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, KEY, MAPPER.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the issuing CA cannot be written as JSON", e);
        }
    }

    private static void put(ObjectNode node, Issuer issuer) {
        node.put("sealedKey", issuer.sealed().sealedKey());
        node.put("certificates", issuer.sealed().certificates());
        node.put("crlId", issuer.crlId());
    }

    @Override
    public String toString() {
        return "BandanaIssuingCaStore[" + KEY + "]";
    }
}
