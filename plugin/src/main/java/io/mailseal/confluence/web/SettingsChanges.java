package io.mailseal.confluence.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.settings.SecretCodec;
import io.mailseal.settings.Settings;
import io.mailseal.settings.SettingsJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which settings a save changed, for the audit log: the dotted names of the fields whose values differ (a secret is
 * named when it was set, changed or removed; its value never appears, not even as a hash).
 *
 * <p>Stateless and thread-safe.
 */
public final class SettingsChanges {

    /** The most field names listed; the rest are counted. */
    static final int MAX_LISTED = 30;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SettingsChanges() {
    }

    /**
     * The changed fields.
     *
     * @param before the settings before
     * @param after  the settings after
     * @return the dotted field names, sorted; empty if nothing changed
     */
    public static List<String> changed(Settings before, Settings after) {
        Map<String, String> old = flatten(before);
        Map<String, String> now = flatten(after);
        TreeSet<String> names = new TreeSet<>(old.keySet());
        names.addAll(now.keySet());
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            if (!String.valueOf(old.get(name)).equals(String.valueOf(now.get(name)))) {
                changed.add(name);
            }
        }
        return changed;
    }

    /**
     * The audit detail for a save.
     *
     * @param changed the changed fields
     * @return e.g. {@code changed: encryption.fallback, smime.externalLdap.password}
     */
    public static String describe(List<String> changed) {
        if (changed.isEmpty()) {
            return "no field changed";
        }
        List<String> listed = changed.size() <= MAX_LISTED ? changed : changed.subList(0, MAX_LISTED);
        return "changed: " + String.join(", ", listed)
                + (changed.size() > MAX_LISTED ? " and " + (changed.size() - MAX_LISTED) + " more" : "");
    }

    private static Map<String, String> flatten(Settings settings) {
        Map<String, String> values = new TreeMap<>();
        try {
            flatten("", MAPPER.readTree(SettingsJson.write(settings, new Fingerprints())), values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the settings writer wrote JSON it cannot read", e);
        }
        return values;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> values) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), values);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), values);
            }
        } else {
            values.put(path, node.isNull() ? "null" : node.asText());
        }
    }

    /** Writes each secret as a digest of its value: compared here only, never shown or stored. */
    private static final class Fingerprints implements SecretCodec {

        @Override
        public String seal(String field, Secret secret) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(secret.reveal().getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from the JDK", e);
            }
        }

        @Override
        public Checked<Secret> open(String field, String stored) {
            return Checked.invalid(field, "fingerprints cannot be opened");
        }
    }
}
