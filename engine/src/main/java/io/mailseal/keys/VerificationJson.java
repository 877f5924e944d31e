package io.mailseal.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link Verification} as the JSON object the command line prints with {@code --json} and the admin page
 * shows:
 * {@code {"address", "selected":[key], "candidates":[key], "rejected":[key + "reason", "detail"],
 * "sources":[{"source", "type", "status", "millis", "message"}]}}, where a key is
 * {@code {"type":"SMIME"|"PGP", "source", "id", "subject", "notAfter"}} (id: certificate serial in hex or OpenPGP
 * fingerprint; notAfter: ISO-8601 or null).
 *
 * <p>Thread-safe and stateless.
 */
public final class VerificationJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VerificationJson() {
    }

    /**
     * Writes the report.
     *
     * @param verification the report
     * @return the JSON text
     */
    public static String write(Verification verification) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("address", verification.address().value());
        ArrayNode selected = root.putArray("selected");
        verification.selected().forEach(found -> key(selected.addObject(), found.source(), found.key().summary()));
        ArrayNode candidates = root.putArray("candidates");
        verification.candidates().forEach(found -> key(candidates.addObject(), found.source(), found.key().summary()));
        ArrayNode rejected = root.putArray("rejected");
        for (Verification.Rejected rejection : verification.rejected()) {
            ObjectNode node = rejected.addObject();
            key(node, rejection.source(), rejection.rejection().key());
            node.put("reason", rejection.rejection().reason().name());
            node.put("detail", rejection.rejection().detail());
        }
        ArrayNode sources = root.putArray("sources");
        for (SourceResponse response : verification.responses()) {
            ObjectNode node = sources.addObject();
            node.put("source", response.source().name());
            node.put("type", response.type().name());
            node.put("status", response.status().name());
            node.put("millis", response.duration().toMillis());
            node.put("message", response.message());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("verification cannot be written as JSON", e);
        }
    }

    private static void key(ObjectNode node, SourceName source, KeySummary key) {
        node.put("type", key.type().name());
        node.put("source", source.name());
        node.put("id", key.id());
        node.put("subject", key.subject());
        if (key.notAfter() == null) {
            node.putNull("notAfter");
        } else {
            node.put("notAfter", key.notAfter().toString());
        }
    }
}
