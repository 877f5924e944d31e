package io.mailseal.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailseal.keys.source.ManagedKeyPrecedence;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes {@link Settings} as JSON (the shape is documented in docs/settings.md).
 *
 * <p>Reading is strict and complete: every problem is reported with the dotted name of its field (for example
 * {@code smime.externalLdap.port: must be between 1 and 65535}), unknown fields are problems (they are usually typos),
 * and nothing is returned unless there is no problem. Missing optional fields take their defaults. A document without
 * {@code schemaVersion} is read as version 1; a newer version is refused.
 *
 * <p>Thread-safe and stateless.
 */
public final class SettingsJson {

    /** The largest settings document read (uploaded signing keys are stored in it, sealed). */
    private static final int MAX_LENGTH = 8 << 20;
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z][A-Za-z0-9-]*(;[A-Za-z0-9-]+)*");
    private static final Set<String> KEY_SERVER_SCHEMES = Set.of("hkp", "hkps", "http", "https", "ldap", "ldaps");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(20).build());
    }

    private SettingsJson() {
    }

    /** What reading gave: the settings, or every problem found. */
    public sealed interface Result {
    }

    /**
     * The document is valid.
     *
     * @param settings the settings, upgraded to {@link Settings#SCHEMA_VERSION}
     * @param version  the schema version the document was written in; lower than {@link Settings#SCHEMA_VERSION}
     *                 when it was upgraded on reading
     */
    public record Valid(Settings settings, int version) implements Result {

        /**
         * Whether the document was written in an older schema version and upgraded on reading.
         *
         * @return true if upgraded
         */
        public boolean upgraded() {
            return version < Settings.SCHEMA_VERSION;
        }
    }

    /**
     * The document has problems; nothing of it may be used.
     *
     * @param problems each as {@code field: reason}, in document order
     */
    public record Invalid(List<String> problems) implements Result {

        /** Copies the problems. */
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Reads settings whose secrets are written as they are.
     *
     * @param json the document
     * @return the settings or the problems; never throws for bad input
     */
    public static Result read(String json) {
        return read(json, SecretCodec.PLAIN);
    }

    /**
     * Reads settings, opening every secret with a codec (a store that encrypts its secrets passes its own).
     *
     * @param json    the document
     * @param secrets how the secrets were written
     * @return the settings or the problems (including every secret that cannot be opened); never throws for bad
     *         input
     */
    public static Result read(String json, SecretCodec secrets) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(secrets, "secrets");
        if (json.length() > MAX_LENGTH) {
            return new Invalid(List.of("(document): larger than " + MAX_LENGTH + " characters"));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return new Invalid(List.of("(document): not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            return new Invalid(List.of("(document): must be a JSON object"));
        }
        Reader reader = new Reader(secrets);
        Settings settings = reader.settings(root);
        return reader.problems.isEmpty() ? new Valid(settings, reader.version) : new Invalid(reader.problems);
    }

    /**
     * Writes settings.
     *
     * @param settings       the settings
     * @param includeSecrets whether secret values are written as they are (a command-line file); when false they
     *                       are left out, as on every screen and export
     * @return the JSON document
     */
    public static String write(Settings settings, boolean includeSecrets) {
        return writeDocument(settings, includeSecrets ? SecretCodec.PLAIN : null);
    }

    /**
     * Writes settings with every non-empty secret as its codec seals it (the encrypted store).
     *
     * @param settings the settings
     * @param secrets  how secrets are written
     * @return the JSON document
     */
    public static String write(Settings settings, SecretCodec secrets) {
        return writeDocument(settings, Objects.requireNonNull(secrets, "secrets"));
    }

    /** Writes the document; a null codec leaves the secrets out. */
    private static String writeDocument(Settings settings, SecretCodec secrets) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", Settings.SCHEMA_VERSION);
        ObjectNode smime = root.putObject("smime");
        if (settings.smime().keyStorePath() != null) {
            smime.putObject("keyStore").put("path", settings.smime().keyStorePath());
        }
        smime.putObject("userDirectory").put("enabled", settings.smime().userDirectory());
        Settings.Ldap ldap = settings.smime().externalLdap();
        if (ldap != null) {
            ObjectNode node = smime.putObject("externalLdap");
            node.put("host", ldap.host()).put("port", ldap.port()).put("ssl", ldap.ssl());
            node.put("bindDn", ldap.bindDn());
            putSecret(node, "smime.externalLdap", "password", ldap.password(), secrets);
            node.put("baseDn", ldap.baseDn()).put("searchFilter", ldap.searchFilter())
                    .put("emailAttribute", ldap.emailAttribute()).put("followReferrals", ldap.followReferrals());
        }
        smime.put("allowUserUploads", settings.smime().allowUserUploads());
        ObjectNode pgp = root.putObject("pgp");
        if (settings.pgp().keyStorePath() != null) {
            pgp.putObject("keyStore").put("path", settings.pgp().keyStorePath());
        }
        if (settings.pgp().keyServerUrl() != null) {
            pgp.putObject("keyServer").put("url", settings.pgp().keyServerUrl());
        }
        pgp.putObject("wkd").put("enabled", settings.pgp().wkd());
        pgp.putObject("vks").put("enabled", settings.pgp().vks()).put("url", settings.pgp().vksUrl());
        pgp.put("allowUserUploads", settings.pgp().allowUserUploads());
        writeEncryption(root.putObject("encryption"), settings.encryption());
        writeSigning(root.putObject("signing"), settings.signing(), secrets);
        Settings.Relay relay = settings.relay();
        ObjectNode relayNode = root.putObject("relay");
        relayNode.put("enabled", relay.enabled()).put("port", relay.port());
        putSecret(relayNode, "relay", "secret", relay.secret(), secrets);
        ObjectNode upstream = relayNode.putObject("upstream");
        upstream.put("host", relay.upstreamHost()).put("port", relay.upstreamPort())
                .put("security", relay.upstreamSecurity()).put("user", relay.upstreamUser());
        putSecret(upstream, "relay.upstream", "password", relay.upstreamPassword(), secrets);
        root.putObject("managedKeys").put("precedence", settings.managedKeys().name());
        ObjectNode cache = root.putObject("cache");
        cache.put("foundMinutes", settings.cache().found().toMinutes());
        cache.put("notFoundMinutes", settings.cache().notFound().toMinutes());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings cannot be written as JSON", e);
        }
    }

    private static void writeEncryption(ObjectNode node, Settings.Encryption encryption) {
        node.put("typePriority", encryption.typePriority()).put("fallback", encryption.fallback())
                .put("encryptForSender", encryption.encryptForSender())
                .put("exemptAccountMails", encryption.exemptAccountMails());
        if (encryption.accountMailSubject() != null) {
            node.put("accountMailSubject", encryption.accountMailSubject());
        }
        com.fasterxml.jackson.databind.node.ArrayNode rules = node.putArray("exemptions");
        for (Settings.ExemptionRule rule : encryption.exemptions()) {
            ObjectNode r = rules.addObject();
            r.put("name", rule.name());
            rule.senders().forEach(r.withArray("senders")::add);
            rule.recipients().forEach(r.withArray("recipients")::add);
            r.put("subject", rule.subject()).put("header", rule.header()).put("headerValue", rule.headerValue());
            if (rule.unlessHeader() != null) {
                r.put("unlessHeader", rule.unlessHeader());
            }
        }
        node.putObject("subjectProtection").put("enabled", encryption.protectSubject())
                .put("text", encryption.neutralSubject());
        node.putObject("problemReport").put("adminCopy", encryption.adminCopy())
                .put("extraText", encryption.reportText());
        node.putObject("smime").put("contentEncryption", encryption.gcm() ? "AES_256_GCM" : "AES_256_CBC")
                .put("rsaOaep", encryption.rsaOaep());
    }

    private static void putSecret(ObjectNode node, String at, String name, Secret secret, SecretCodec secrets) {
        if (secrets != null && !secret.isEmpty()) {
            node.put(name, secrets.seal(at + "." + name, secret));
        }
    }

    private static void writeSigning(ObjectNode node, Settings.Signing signing, SecretCodec secrets) {
        node.put("enabled", signing.enabled());
        com.fasterxml.jackson.databind.node.ArrayNode smime = node.putArray("smime");
        for (Settings.SmimeIdentity identity : signing.smime()) {
            String at = "signing.smime[" + smime.size() + "]";
            ObjectNode i = smime.addObject().put("address", identity.address());
            if (!identity.uploaded()) {
                i.put("pkcs12Path", identity.pkcs12Path());
            }
            putSecret(i, at, "keyData", identity.keyData(), secrets);
            i.put("opaque", identity.opaque());
            putSecret(i, at, "password", identity.password(), secrets);
        }
        com.fasterxml.jackson.databind.node.ArrayNode pgp = node.putArray("pgp");
        for (Settings.PgpIdentity identity : signing.pgp()) {
            String at = "signing.pgp[" + pgp.size() + "]";
            ObjectNode i = pgp.addObject().put("address", identity.address());
            if (!identity.uploaded()) {
                i.put("secretKeyPath", identity.secretKeyPath());
            }
            putSecret(i, at, "keyData", identity.keyData(), secrets);
            putSecret(i, at, "passphrase", identity.passphrase(), secrets);
        }
    }

    /** Walks the tree, collecting every problem with its field name. */
    private static final class Reader {

        final List<String> problems = new ArrayList<>();
        final SecretCodec secrets;
        int version;

        Reader(SecretCodec secrets) {
            this.secrets = secrets;
        }

        Settings settings(JsonNode root) {
            Settings defaults = Settings.defaults();
            version = integer(root, "", "schemaVersion", 1, 1, Integer.MAX_VALUE);
            if (version >= 4) {
                allow(root, "", "schemaVersion", "smime", "pgp", "cache", "encryption", "signing", "relay",
                        "managedKeys");
            } else {
                allow(root, "", "schemaVersion", "smime", "pgp", "cache", "encryption", "signing", "relay");
            }
            if (version > Settings.SCHEMA_VERSION) {
                problem("schemaVersion", version + " is newer than this Mailseal understands ("
                        + Settings.SCHEMA_VERSION + "); upgrade Mailseal");
                return defaults;
            }
            // version 1 had no encryption or signing parts: they take their defaults (the upgrade); version 2 had
            // file identities only, which read unchanged (see keyPath); up to version 3 there was no managedKeys
            // part: managed keys stand at their default place
            return new Settings(Settings.SCHEMA_VERSION, smime(object(root, "", "smime")),
                    pgp(object(root, "", "pgp")), cache(object(root, "", "cache"), defaults.cache()),
                    encryption(object(root, "", "encryption")), signing(object(root, "", "signing")),
                    relay(object(root, "", "relay")), version < 4 ? defaults.managedKeys()
                    : managedKeys(object(root, "", "managedKeys")));
        }

        ManagedKeyPrecedence managedKeys(JsonNode node) {
            String at = "managedKeys";
            allow(node, at, "precedence");
            List<String> names = Arrays.stream(ManagedKeyPrecedence.values()).map(Enum::name).toList();
            return ManagedKeyPrecedence.valueOf(choice(node, at, "precedence", ManagedKeyPrecedence.DEFAULT.name(),
                    names.toArray(String[]::new)));
        }

        Settings.Relay relay(JsonNode node) {
            String at = "relay";
            Settings.Relay d = Settings.Relay.OFF;
            allow(node, at, "enabled", "port", "secret", "upstream");
            boolean enabled = bool(node, at, "enabled", false);
            int port = integer(node, at, "port", d.port(), 1024, 65535);
            JsonNode upstream = object(node, at, "upstream");
            String up = at + ".upstream";
            allow(upstream, up, "host", "port", "security", "user", "password");
            String host = text(upstream, up, "host", null);
            if (enabled && (host == null || host.isBlank())) {
                problem(up + ".host", "is required when the relay is enabled");
            }
            return new Settings.Relay(enabled, port, host == null || host.isBlank() ? null : host.strip(),
                    integer(upstream, up, "port", d.upstreamPort(), 1, 65535),
                    choice(upstream, up, "security", d.upstreamSecurity(), "NONE", "STARTTLS", "SSL"),
                    text(upstream, up, "user", null), secret(upstream, up, "password"), secret(node, at, "secret"));
        }

        Settings.Encryption encryption(JsonNode node) {
            String at = "encryption";
            Settings.Encryption d = Settings.Encryption.DEFAULTS;
            allow(node, at, "typePriority", "fallback", "encryptForSender", "exemptions", "exemptAccountMails",
                    "accountMailSubject", "subjectProtection", "problemReport", "smime");
            String priority = choice(node, at, "typePriority", d.typePriority(),
                    "SMIME_ONLY", "SMIME_PREFERRED", "PGP_PREFERRED", "PGP_ONLY");
            String fallback = choice(node, at, "fallback", d.fallback(),
                    "SEND_UNENCRYPTED", "PROBLEM_REPORT", "DO_NOT_SEND");
            List<Settings.ExemptionRule> rules = new ArrayList<>();
            JsonNode exemptions = node.path("exemptions");
            if (!exemptions.isMissingNode() && !exemptions.isNull()) {
                if (!exemptions.isArray()) {
                    problem(at + ".exemptions", "must be a list");
                } else {
                    for (int i = 0; i < exemptions.size(); i++) {
                        rules.add(exemption(exemptions.get(i), at + ".exemptions[" + i + "]"));
                    }
                }
            }
            JsonNode subject = object(node, at, "subjectProtection");
            allow(subject, at + ".subjectProtection", "enabled", "text");
            JsonNode report = object(node, at, "problemReport");
            allow(report, at + ".problemReport", "adminCopy", "extraText");
            String adminCopy = text(report, at + ".problemReport", "adminCopy", null);
            if (adminCopy != null && !adminCopy.isBlank()
                    && io.mailseal.keys.EmailAddress.find(adminCopy).isEmpty()) {
                problem(at + ".problemReport.adminCopy", "is not an e-mail address");
            }
            JsonNode smime = object(node, at, "smime");
            allow(smime, at + ".smime", "contentEncryption", "rsaOaep");
            String content = choice(smime, at + ".smime", "contentEncryption", "AES_256_CBC", "AES_256_CBC",
                    "AES_256_GCM");
            return new Settings.Encryption(priority, fallback, bool(node, at, "encryptForSender", false), rules,
                    bool(node, at, "exemptAccountMails", false), regex(node, at, "accountMailSubject"),
                    bool(subject, at + ".subjectProtection", "enabled",
                    false), text(subject, at + ".subjectProtection", "text", d.neutralSubject()),
                    adminCopy == null || adminCopy.isBlank() ? null : adminCopy.strip(),
                    text(report, at + ".problemReport", "extraText", ""), content.equals("AES_256_GCM"),
                    bool(smime, at + ".smime", "rsaOaep", false));
        }

        Settings.ExemptionRule exemption(JsonNode node, String at) {
            if (!node.isObject()) {
                problem(at, "must be an object");
                return new Settings.ExemptionRule("", List.of(), List.of(), null, null, null, null);
            }
            allow(node, at, "name", "senders", "recipients", "subject", "header", "headerValue", "unlessHeader");
            String name = text(node, at, "name", null);
            if (name == null || name.isBlank()) {
                problem(at + ".name", "is required");
            }
            String subject = regex(node, at, "subject");
            String header = text(node, at, "header", null);
            String headerValue = regex(node, at, "headerValue");
            if (headerValue != null && header == null) {
                problem(at + ".headerValue", "needs a header name");
            }
            return new Settings.ExemptionRule(name == null ? "" : name, strings(node, at, "senders"),
                    strings(node, at, "recipients"), subject, header, headerValue,
                    text(node, at, "unlessHeader", null));
        }

        Settings.Signing signing(JsonNode node) {
            String at = "signing";
            allow(node, at, "enabled", "smime", "pgp");
            List<Settings.SmimeIdentity> smime = new ArrayList<>();
            List<Settings.PgpIdentity> pgp = new ArrayList<>();
            for (JsonNode identity : list(node, at, "smime")) {
                String where = at + ".smime[" + smime.size() + "]";
                allow(identity, where, "address", "pkcs12Path", "keyData", "password", "opaque");
                String address = address(identity, where);
                Secret keyData = keyData(identity, where);
                smime.add(new Settings.SmimeIdentity(address, keyPath(identity, where, "pkcs12Path", keyData),
                        keyData, secret(identity, where, "password"), bool(identity, where, "opaque", false)));
            }
            for (JsonNode identity : list(node, at, "pgp")) {
                String where = at + ".pgp[" + pgp.size() + "]";
                allow(identity, where, "address", "secretKeyPath", "keyData", "passphrase");
                String address = address(identity, where);
                Secret keyData = keyData(identity, where);
                pgp.add(new Settings.PgpIdentity(address, keyPath(identity, where, "secretKeyPath", keyData),
                        keyData, secret(identity, where, "passphrase")));
            }
            return new Settings.Signing(bool(node, at, "enabled", false), smime, pgp);
        }

        /**
         * A signing identity's file path. Up to version 2 every identity is a file, so the path is required; from
         * version 3 an identity without a path is an upload (its key data may be left out of a document written
         * without secrets, such as an export). A path and key data together are a problem.
         */
        private String keyPath(JsonNode node, String at, String name, Secret keyData) {
            if (version < 3) {
                return required(node, at, name);
            }
            String path = text(node, at, name, null);
            if (path == null || path.isBlank()) {
                return null;
            }
            if (!keyData.isEmpty()) {
                problem(join(at, name), "an identity has either a file path or an uploaded key, not both");
            }
            return path.strip();
        }

        /** Uploaded key data: a secret whose opened value must be base64. */
        private Secret keyData(JsonNode node, String at) {
            Secret keyData = secret(node, at, "keyData");
            if (!keyData.isEmpty()) {
                try {
                    java.util.Base64.getDecoder().decode(keyData.reveal());
                } catch (IllegalArgumentException e) {
                    problem(join(at, "keyData"), "is not base64");
                    return Secret.empty();
                }
            }
            return keyData;
        }

        private List<JsonNode> list(JsonNode node, String at, String name) {
            JsonNode value = node.path(name);
            List<JsonNode> items = new ArrayList<>();
            if (value.isMissingNode() || value.isNull()) {
                return items;
            }
            if (!value.isArray()) {
                problem(join(at, name), "must be a list");
                return items;
            }
            for (int i = 0; i < value.size(); i++) {
                if (value.get(i).isObject()) {
                    items.add(value.get(i));
                } else {
                    problem(join(at, name) + "[" + i + "]", "must be an object");
                }
            }
            return items;
        }

        private List<String> strings(JsonNode node, String at, String name) {
            JsonNode value = node.path(name);
            List<String> items = new ArrayList<>();
            if (value.isMissingNode() || value.isNull()) {
                return items;
            }
            if (!value.isArray()) {
                problem(join(at, name), "must be a list of strings");
                return items;
            }
            for (JsonNode item : value) {
                if (item.isTextual() && !item.asText().isBlank()) {
                    items.add(item.asText().strip());
                } else {
                    problem(join(at, name), "must be a list of strings");
                }
            }
            return items;
        }

        private String regex(JsonNode node, String at, String name) {
            String value = text(node, at, name, null);
            if (value == null || value.isEmpty()) {
                return null;
            }
            try {
                Pattern.compile(value);
            } catch (java.util.regex.PatternSyntaxException e) {
                problem(join(at, name), "is not a regular expression: " + e.getDescription());
            }
            return value;
        }

        private Secret secret(JsonNode node, String at, String name) {
            String stored = text(node, at, name, null);
            if (stored == null || stored.isEmpty()) {
                return Secret.empty();
            }
            Checked<Secret> opened = secrets.open(join(at, name), stored);
            for (Checked.Problem problem : opened.problems()) {
                problem(problem.field(), problem.message());
            }
            return opened.value().orElse(Secret.empty());
        }

        private String choice(JsonNode node, String at, String name, String fallback, String... allowed) {
            String value = text(node, at, name, fallback);
            if (!List.of(allowed).contains(value)) {
                problem(join(at, name), "must be one of " + String.join(", ", allowed));
                return fallback;
            }
            return value;
        }

        private String required(JsonNode node, String at, String name) {
            String value = text(node, at, name, null);
            if (value == null || value.isBlank()) {
                problem(join(at, name), "is required");
                return "";
            }
            return value.strip();
        }

        private String address(JsonNode node, String at) {
            String value = required(node, at, "address");
            if (!value.isEmpty() && io.mailseal.keys.EmailAddress.find(value).isEmpty()) {
                problem(at + ".address", "is not an e-mail address");
            }
            return value;
        }

        Settings.Smime smime(JsonNode node) {
            String at = "smime";
            allow(node, at, "keyStore", "userDirectory", "externalLdap", "allowUserUploads");
            String keyStore = path(object(node, at, "keyStore"), at + ".keyStore");
            JsonNode directory = object(node, at, "userDirectory");
            allow(directory, at + ".userDirectory", "enabled");
            boolean userDirectory = bool(directory, at + ".userDirectory", "enabled", false);
            JsonNode ldap = node.path("externalLdap");
            Settings.Ldap externalLdap = ldap.isMissingNode() || ldap.isNull() ? null
                    : ldap(object(node, at, "externalLdap"), at + ".externalLdap");
            return new Settings.Smime(keyStore, userDirectory, externalLdap,
                    bool(node, at, "allowUserUploads", true));
        }

        Settings.Ldap ldap(JsonNode node, String at) {
            allow(node, at, "host", "port", "ssl", "bindDn", "password", "baseDn", "searchFilter", "emailAttribute",
                    "followReferrals");
            String host = text(node, at, "host", null);
            if (host == null || host.isBlank()) {
                problem(at + ".host", "is required");
                host = "";
            } else if (host.contains("://") || host.contains("/") || host.contains(" ")) {
                problem(at + ".host", "must be a host name without scheme or path, e.g. ldap.example.com");
            }
            boolean ssl = bool(node, at, "ssl", false);
            int port = integer(node, at, "port", ssl ? 636 : 389, 1, 65535);
            String filter = text(node, at, "searchFilter", null);
            if (filter != null && !filter.isBlank() && !(filter.strip().startsWith("(") && balanced(filter))) {
                problem(at + ".searchFilter", "must be an LDAP filter in parentheses, e.g. (objectClass=person)");
            }
            String attribute = text(node, at, "emailAttribute", Settings.Ldap.DEFAULT_EMAIL_ATTRIBUTE);
            if (!ATTRIBUTE.matcher(attribute).matches()) {
                problem(at + ".emailAttribute", "is not an LDAP attribute name");
            }
            return new Settings.Ldap(host, port, ssl, text(node, at, "bindDn", null),
                    secret(node, at, "password"), text(node, at, "baseDn", ""),
                    filter == null || filter.isBlank() ? null : filter.strip(), attribute,
                    bool(node, at, "followReferrals", false));
        }

        Settings.Pgp pgp(JsonNode node) {
            String at = "pgp";
            allow(node, at, "keyStore", "keyServer", "wkd", "vks", "allowUserUploads");
            String keyStore = path(object(node, at, "keyStore"), at + ".keyStore");
            JsonNode keyServer = object(node, at, "keyServer");
            allow(keyServer, at + ".keyServer", "url");
            String url = text(keyServer, at + ".keyServer", "url", null);
            if (url != null && !url.isBlank()) {
                keyServerUrl(url.strip(), at + ".keyServer.url");
            }
            JsonNode wkd = object(node, at, "wkd");
            allow(wkd, at + ".wkd", "enabled");
            JsonNode vks = object(node, at, "vks");
            allow(vks, at + ".vks", "enabled", "url");
            String vksUrl = text(vks, at + ".vks", "url", Settings.Pgp.DEFAULT_VKS_URL);
            if (!vksUrl.startsWith("https://") && !vksUrl.startsWith("http://")) {
                problem(at + ".vks.url", "must be an http or https URL");
            }
            return new Settings.Pgp(keyStore, url == null || url.isBlank() ? null : url.strip(),
                    bool(wkd, at + ".wkd", "enabled", false), bool(vks, at + ".vks", "enabled", false), vksUrl,
                    bool(node, at, "allowUserUploads", true));
        }

        Settings.Cache cache(JsonNode node, Settings.Cache defaults) {
            allow(node, "cache", "foundMinutes", "notFoundMinutes");
            int found = integer(node, "cache", "foundMinutes", (int) defaults.found().toMinutes(), 1, 7 * 24 * 60);
            int notFound = integer(node, "cache", "notFoundMinutes", (int) defaults.notFound().toMinutes(), 1,
                    24 * 60);
            return new Settings.Cache(Duration.ofMinutes(found), Duration.ofMinutes(notFound));
        }

        private void keyServerUrl(String url, String field) {
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!KEY_SERVER_SCHEMES.contains(scheme)) {
                    problem(field, "scheme must be one of hkp, hkps, http, https, ldap, ldaps");
                } else if (uri.getHost() == null) {
                    problem(field, "has no host");
                }
            } catch (URISyntaxException e) {
                problem(field, "is not a URL: " + e.getReason());
            }
        }

        private String path(JsonNode keyStore, String at) {
            allow(keyStore, at, "path");
            String path = text(keyStore, at, "path", null);
            return path == null || path.isBlank() ? null : path.strip();
        }

        private JsonNode object(JsonNode parent, String at, String name) {
            JsonNode node = parent.path(name);
            if (node.isMissingNode() || node.isNull()) {
                return MAPPER.createObjectNode();
            }
            if (!node.isObject()) {
                problem(join(at, name), "must be an object");
                return MAPPER.createObjectNode();
            }
            return node;
        }

        private void allow(JsonNode node, String at, String... names) {
            Set<String> allowed = Set.of(names);
            for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
                String field = fields.next();
                if (!allowed.contains(field)) {
                    problem(join(at, field), "unknown setting");
                }
            }
        }

        private String text(JsonNode node, String at, String name, String fallback) {
            JsonNode value = node.path(name);
            if (value.isMissingNode() || value.isNull()) {
                return fallback;
            }
            if (!value.isTextual()) {
                problem(join(at, name), "must be a string");
                return fallback;
            }
            return value.asText();
        }

        private boolean bool(JsonNode node, String at, String name, boolean fallback) {
            JsonNode value = node.path(name);
            if (value.isMissingNode() || value.isNull()) {
                return fallback;
            }
            if (!value.isBoolean()) {
                problem(join(at, name), "must be true or false");
                return fallback;
            }
            return value.asBoolean();
        }

        private int integer(JsonNode node, String at, String name, int fallback, int min, int max) {
            JsonNode value = node.path(name);
            if (value.isMissingNode() || value.isNull()) {
                return fallback;
            }
            if (!value.canConvertToInt() || !value.isIntegralNumber()) {
                problem(join(at, name), "must be a whole number");
                return fallback;
            }
            int number = value.asInt();
            if (number < min || number > max) {
                problem(join(at, name), "must be between " + min + " and " + max);
                return fallback;
            }
            return number;
        }

        private void problem(String field, String reason) {
            problems.add(field + ": " + reason);
        }

        private static String join(String at, String name) {
            return at.isEmpty() ? name : at + "." + name;
        }

        private static boolean balanced(String filter) {
            int depth = 0;
            for (char c : filter.toCharArray()) {
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (depth < 0) {
                    return false;
                }
            }
            return depth == 0;
        }
    }
}
