package io.mailseal.confluence.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.settings.SecretCodec;
import io.mailseal.settings.Settings;
import io.mailseal.settings.SettingsJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * One settings screen's form: its fields are named by their place in the settings JSON ({@code
 * smime.externalLdap.port}), so a submitted form becomes a settings document that {@link SettingsJson} checks, and
 * each problem it names lands next to the field of the same name. The screen edits only its own parts of the
 * document; the other parts are taken from the stored settings unchanged.
 *
 * <p>Secret fields are never filled in. Left empty they keep the stored secret (where it still belongs, see
 * {@link io.mailseal.settings.SecretMerge}); each has a "clear" check box ({@code <field>.clear}) that removes it.
 * The signing tables edit the identities that name a file on the server; uploaded identities (no file path) are not
 * rows of the tables and are kept as stored, key data included ({@link SigningUploads} adds and removes them).
 *
 * <p>Immutable and thread-safe: the two screens are constants.
 */
public final class SettingsForm {

    /** The most rows a table of signing identities takes. */
    static final int MAX_ROWS = 20;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String EXEMPTIONS = "encryption.exemptions";
    private static final String LDAP_SWITCH = "smime.externalLdap.enabled";
    private static final String LDAP_PASSWORD = "smime.externalLdap.password";
    private static final String RELAY_PASSWORD = "relay.upstream.password";
    /** Seals every secret to this marker, so a written document shows where a secret is stored. */
    private static final SecretCodec MARKER = new SecretCodec() {
        @Override
        public String seal(String field, Secret secret) {
            return "(stored)";
        }

        @Override
        public Checked<Secret> open(String field, String stored) {
            return Checked.invalid(field, "not readable");
        }
    };

    /** What kind of input a field is. */
    enum Kind { TEXT, TEXTAREA, NUMBER, CHECKBOX, SELECT, SECRET }

    /**
     * One field.
     *
     * @param path    its name: the place in the settings JSON (relative to its row for table columns)
     * @param kind    its input
     * @param options for a select, the values
     */
    record Field(String path, Kind kind, List<String> options) {

        static Field of(String path, Kind kind, String... options) {
            return new Field(path, kind, List.of(options));
        }

        /** The i18n key of its label (and, with {@code .help}, of its help text), without the prefix. */
        String labelKey() {
            return "field." + path;
        }
    }

    /**
     * A group of fields with a heading, or a table of rows (signing identities).
     *
     * @param key    the i18n key of the heading, without the prefix
     * @param fields the fields (for a table: its columns)
     * @param table  the JSON array a table edits ({@code signing.smime}); null for plain fields
     * @param secret for a table, the column holding the secret; null if none
     */
    record Section(String key, List<Field> fields, String table, String secret) {

        static Section of(String key, Field... fields) {
            return new Section(key, List.of(fields), null, null);
        }

        static Section table(String key, String table, String secret, Field... columns) {
            return new Section(key, List.of(columns), table, secret);
        }
    }

    /** The encryption policy and signing screen. */
    public static final SettingsForm ENCRYPTION = new SettingsForm(List.of(
            Section.of("section.policy",
                    Field.of("encryption.typePriority", Kind.SELECT, "SMIME_PREFERRED", "SMIME_ONLY", "PGP_PREFERRED",
                            "PGP_ONLY"),
                    Field.of("encryption.fallback", Kind.SELECT, "PROBLEM_REPORT", "SEND_UNENCRYPTED", "DO_NOT_SEND"),
                    Field.of("encryption.encryptForSender", Kind.CHECKBOX)),
            Section.of("section.problemReport",
                    Field.of("encryption.problemReport.extraText", Kind.TEXTAREA),
                    Field.of("encryption.problemReport.adminCopy", Kind.TEXT)),
            Section.of("section.exemptions",
                    Field.of("encryption.exemptAccountMails", Kind.CHECKBOX),
                    Field.of("encryption.accountMailSubject", Kind.TEXT),
                    Field.of(EXEMPTIONS, Kind.TEXTAREA)),
            Section.of("section.subjectProtection",
                    Field.of("encryption.subjectProtection.enabled", Kind.CHECKBOX),
                    Field.of("encryption.subjectProtection.text", Kind.TEXT)),
            Section.of("section.smimeAlgorithms",
                    Field.of("encryption.smime.contentEncryption", Kind.SELECT, "AES_256_CBC", "AES_256_GCM"),
                    Field.of("encryption.smime.rsaOaep", Kind.CHECKBOX)),
            Section.of("section.signing",
                    Field.of("signing.enabled", Kind.CHECKBOX)),
            Section.table("section.signingSmime", "signing.smime", "password",
                    Field.of("address", Kind.TEXT), Field.of("pkcs12Path", Kind.TEXT),
                    Field.of("password", Kind.SECRET), Field.of("opaque", Kind.CHECKBOX)),
            Section.table("section.signingPgp", "signing.pgp", "passphrase",
                    Field.of("address", Kind.TEXT), Field.of("secretKeyPath", Kind.TEXT),
                    Field.of("passphrase", Kind.SECRET))),
            (stored, read) -> new Settings(Settings.SCHEMA_VERSION, stored.smime(), stored.pgp(), stored.cache(),
                    read.encryption(), read.signing(), stored.relay(), stored.managedKeys()));

    /** The key sources screen. */
    public static final SettingsForm SOURCES = new SettingsForm(List.of(
            Section.of("section.smimeSources",
                    Field.of("smime.keyStore.path", Kind.TEXT),
                    Field.of("smime.userDirectory.enabled", Kind.CHECKBOX),
                    Field.of("smime.allowUserUploads", Kind.CHECKBOX)),
            Section.of("section.externalLdap",
                    Field.of(LDAP_SWITCH, Kind.CHECKBOX),
                    Field.of("smime.externalLdap.host", Kind.TEXT),
                    Field.of("smime.externalLdap.port", Kind.NUMBER),
                    Field.of("smime.externalLdap.ssl", Kind.CHECKBOX),
                    Field.of("smime.externalLdap.bindDn", Kind.TEXT),
                    Field.of(LDAP_PASSWORD, Kind.SECRET),
                    Field.of("smime.externalLdap.baseDn", Kind.TEXT),
                    Field.of("smime.externalLdap.searchFilter", Kind.TEXT),
                    Field.of("smime.externalLdap.emailAttribute", Kind.TEXT),
                    Field.of("smime.externalLdap.followReferrals", Kind.CHECKBOX)),
            Section.of("section.pgpSources",
                    Field.of("pgp.keyStore.path", Kind.TEXT),
                    Field.of("pgp.keyServer.url", Kind.TEXT),
                    Field.of("pgp.wkd.enabled", Kind.CHECKBOX),
                    Field.of("pgp.vks.enabled", Kind.CHECKBOX),
                    Field.of("pgp.vks.url", Kind.TEXT),
                    Field.of("pgp.allowUserUploads", Kind.CHECKBOX)),
            Section.of("section.cache",
                    Field.of("cache.foundMinutes", Kind.NUMBER),
                    Field.of("cache.notFoundMinutes", Kind.NUMBER)),
            Section.of("section.managedKeys",
                    Field.of("managedKeys.precedence", Kind.SELECT, "FIRST", "AFTER_UPLOADS", "AFTER_KEY_STORE",
                            "LAST"))),
            (stored, read) -> new Settings(Settings.SCHEMA_VERSION, read.smime(), read.pgp(), read.cache(),
                    stored.encryption(), stored.signing(), stored.relay(), read.managedKeys()));

    /**
     * The relay mode screen: on/off, the loopback port and the upstream server. The generated secret is not a field:
     * it is kept as stored (see {@link io.mailseal.settings.SecretMerge}) and only replaced by "regenerate".
     */
    public static final SettingsForm RELAY = new SettingsForm(List.of(
            Section.of("section.relay",
                    Field.of("relay.enabled", Kind.CHECKBOX),
                    Field.of("relay.port", Kind.NUMBER)),
            Section.of("section.relayUpstream",
                    Field.of("relay.upstream.host", Kind.TEXT),
                    Field.of("relay.upstream.port", Kind.NUMBER),
                    Field.of("relay.upstream.security", Kind.SELECT, "STARTTLS", "SSL", "NONE"),
                    Field.of("relay.upstream.user", Kind.TEXT),
                    Field.of(RELAY_PASSWORD, Kind.SECRET))),
            (stored, read) -> stored.withRelay(read.relay()));

    private final List<Section> sections;
    private final BiFunction<Settings, Settings, Settings> combine;

    private SettingsForm(List<Section> sections, BiFunction<Settings, Settings, Settings> combine) {
        this.sections = List.copyOf(sections);
        this.combine = combine;
    }

    /**
     * What a submitted form gave.
     */
    sealed interface Submitted {
    }

    /**
     * The form is valid.
     *
     * @param settings the whole settings to store: this screen's parts from the form (secrets left empty where the
     *                 form left them empty), the rest as stored
     * @param clear    the secrets the admin asked to remove, by field name
     */
    record Valid(Settings settings, List<String> clear) implements Submitted {
    }

    /**
     * The form has problems; nothing may be stored.
     *
     * @param problems each naming its field, as the form names it
     */
    record Invalid(List<Checked.Problem> problems) implements Submitted {
    }

    /**
     * The form's values for stored settings: what a browser would submit, secrets empty.
     *
     * @param stored the stored settings
     * @return the values by field name
     */
    Map<String, String> values(Settings stored) {
        JsonNode tree = tree(SettingsJson.write(stored, false));
        Map<String, String> values = new LinkedHashMap<>();
        for (Section section : sections) {
            if (section.table() != null) {
                List<JsonNode> rows = fileRows(section, at(tree, section.table()));
                values.put(section.table() + ".rows", String.valueOf(rows.size() + 1));
                for (int i = 0; i < rows.size(); i++) {
                    for (Field column : section.fields()) {
                        values.put(rowField(section, i, column), value(rows.get(i).path(column.path()), column));
                    }
                }
                continue;
            }
            for (Field field : section.fields()) {
                if (field.path().equals(LDAP_SWITCH)) {
                    values.put(field.path(), at(tree, "smime.externalLdap").isObject() ? "true" : "");
                } else if (field.path().equals(EXEMPTIONS)) {
                    List<String> lines = new ArrayList<>();
                    at(tree, EXEMPTIONS).forEach(rule -> lines.add(rule.toString()));
                    values.put(field.path(), String.join("\n", lines));
                } else {
                    values.put(field.path(), value(at(tree, field.path()), field));
                }
            }
        }
        return values;
    }

    /**
     * The form's values as submitted (for showing the form again), secrets left out.
     *
     * @param form the submitted form
     * @return the values by field name
     */
    Map<String, String> values(Form form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Section section : sections) {
            if (section.table() != null) {
                int rows = rows(form, section);
                values.put(section.table() + ".rows", String.valueOf(rows));
                for (int i = 0; i < rows; i++) {
                    for (Field column : section.fields()) {
                        String name = rowField(section, i, column);
                        values.put(name, column.kind() == Kind.SECRET ? "" : form.get(name));
                    }
                }
                continue;
            }
            for (Field field : section.fields()) {
                values.put(field.path(), field.kind() == Kind.SECRET ? "" : form.get(field.path()));
            }
        }
        return values;
    }

    /**
     * Reads a submitted form against the stored settings.
     *
     * @param form   the form
     * @param stored the stored settings (the parts of other screens are kept from them)
     * @return the settings to store, or every problem with its field
     */
    Submitted read(Form form, Settings stored) {
        ObjectNode tree = (ObjectNode) tree(SettingsJson.write(stored, false));
        List<Checked.Problem> problems = new ArrayList<>();
        Map<String, String> renames = new LinkedHashMap<>();
        List<String> clear = new ArrayList<>();
        for (Section section : sections) {
            if (section.table() != null) {
                readTable(form, section, tree, renames, clear, problems);
            }
        }
        for (Section section : sections) {
            if (section.table() != null) {
                continue;
            }
            for (Field field : section.fields()) {
                String path = field.path();
                if (path.startsWith("smime.externalLdap.") && !form.checked(LDAP_SWITCH)) {
                    continue;
                }
                if (path.equals(LDAP_SWITCH)) {
                    remove(tree, "smime.externalLdap");
                    continue;
                }
                if (path.equals(EXEMPTIONS)) {
                    readExemptions(form.get(path), tree, problems, renames);
                    continue;
                }
                if (field.kind() == Kind.SECRET && form.checked(path + ".clear")) {
                    clear.add(path);
                }
                put(tree, path, field, form.get(path));
            }
        }
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }
        SettingsJson.Result result = SettingsJson.read(tree.toString());
        if (result instanceof SettingsJson.Invalid invalid) {
            for (String problem : invalid.problems()) {
                problems.add(rename(parse(problem), renames));
            }
            return new Invalid(problems);
        }
        Settings read = ((SettingsJson.Valid) result).settings();
        return new Valid(combine.apply(stored, read), clear);
    }

    /**
     * Removes the secrets the admin asked to clear.
     *
     * @param settings the settings to store
     * @param clear    the secrets' field names
     * @return the settings without those secrets
     */
    static Settings clear(Settings settings, List<String> clear) {
        Settings.Ldap ldap = settings.smime().externalLdap();
        if (ldap != null && clear.contains(LDAP_PASSWORD)) {
            ldap = new Settings.Ldap(ldap.host(), ldap.port(), ldap.ssl(), ldap.bindDn(), Secret.empty(),
                    ldap.baseDn(), ldap.searchFilter(), ldap.emailAttribute(), ldap.followReferrals());
        }
        List<Settings.SmimeIdentity> smime = new ArrayList<>();
        for (int i = 0; i < settings.signing().smime().size(); i++) {
            Settings.SmimeIdentity identity = settings.signing().smime().get(i);
            smime.add(clear.contains("signing.smime[" + i + "].password") ? new Settings.SmimeIdentity(
                    identity.address(), identity.pkcs12Path(), identity.keyData(), Secret.empty(), identity.opaque())
                    : identity);
        }
        List<Settings.PgpIdentity> pgp = new ArrayList<>();
        for (int i = 0; i < settings.signing().pgp().size(); i++) {
            Settings.PgpIdentity identity = settings.signing().pgp().get(i);
            pgp.add(clear.contains("signing.pgp[" + i + "].passphrase") ? new Settings.PgpIdentity(
                    identity.address(), identity.secretKeyPath(), identity.keyData(), Secret.empty()) : identity);
        }
        Settings.Relay relay = settings.relay();
        if (clear.contains(RELAY_PASSWORD)) {
            relay = new Settings.Relay(relay.enabled(), relay.port(), relay.upstreamHost(), relay.upstreamPort(),
                    relay.upstreamSecurity(), relay.upstreamUser(), Secret.empty(), relay.secret());
        }
        Settings.Smime sources = settings.smime();
        return new Settings(settings.schemaVersion(), new Settings.Smime(sources.keyStorePath(),
                sources.userDirectory(), ldap, sources.allowUserUploads()), settings.pgp(), settings.cache(),
                settings.encryption(), new Settings.Signing(settings.signing().enabled(), smime, pgp), relay,
                settings.managedKeys());
    }

    /**
     * The form as a template shows it: sections of fields with their values and problems.
     *
     * @param values   the values to show, by field name (secrets are never among them)
     * @param problems the problems to show next to their fields
     * @param stored   the stored settings, to tell where a secret is stored
     * @param pages    for the texts
     * @return one model per section
     */
    List<Model> render(Map<String, String> values, List<Checked.Problem> problems, Settings stored,
                       WebPages pages) {
        JsonNode marked = tree(SettingsJson.write(stored, MARKER));
        List<Model> models = new ArrayList<>();
        for (Section section : sections) {
            Model model = Model.create().text("heading", pages.text(section.key()))
                    .flag("table", section.table() != null);
            if (section.table() == null) {
                List<Model> fields = new ArrayList<>();
                for (Field field : section.fields()) {
                    boolean stores = field.kind() == Kind.SECRET && at(marked, field.path()).isTextual();
                    fields.add(field(field, field.path(), values, problems, stores, pages));
                }
                model.models("fields", fields);
            } else {
                int rows = Math.max(1, Math.min(MAX_ROWS, parseInt(values.get(section.table() + ".rows"))));
                List<Model> columns = new ArrayList<>();
                section.fields().forEach(column -> columns.add(Model.create()
                        .text("label", pages.text("field." + section.table() + "." + column.path()))));
                List<Model> tableRows = new ArrayList<>();
                for (int i = 0; i < rows; i++) {
                    List<Model> cells = new ArrayList<>();
                    for (Field column : section.fields()) {
                        String name = rowField(section, i, column);
                        boolean stores = column.kind() == Kind.SECRET && storedRowSecret(marked, section,
                                values.get(rowField(section, i, section.fields().get(0))),
                                values.get(rowField(section, i, section.fields().get(1))));
                        cells.add(field(new Field(section.table() + "." + column.path(), column.kind(),
                                column.options()), name, values, problems, stores, pages));
                    }
                    tableRows.add(Model.create().models("cells", cells));
                }
                model.models("columns", columns).models("rows", tableRows)
                        .text("rowsName", section.table() + ".rows").number("rowCount", rows);
            }
            models.add(model);
        }
        return models;
    }

    /** The problems that no field shows (they are listed above the form). */
    List<Checked.Problem> unplaced(List<Checked.Problem> problems) {
        List<Checked.Problem> unplaced = new ArrayList<>();
        for (Checked.Problem problem : problems) {
            boolean placed = false;
            for (Section section : sections) {
                if (section.table() != null) {
                    placed |= problem.field().startsWith(section.table() + "[");
                } else {
                    for (Field field : section.fields()) {
                        placed |= shows(field.path(), problem.field());
                    }
                }
            }
            if (!placed) {
                unplaced.add(problem);
            }
        }
        return unplaced;
    }

    private static Model field(Field field, String name, Map<String, String> values, List<Checked.Problem> problems,
                               boolean secretStored, WebPages pages) {
        String value = values.getOrDefault(name, "");
        List<String> messages = new ArrayList<>();
        for (Checked.Problem problem : problems) {
            if (shows(name, problem.field())) {
                messages.add(problem.toString());
            }
        }
        List<Model> options = new ArrayList<>();
        for (String option : field.options()) {
            options.add(Model.create().text("value", option).text("label", pages.text("option." + option))
                    .flag("selected", option.equals(value)));
        }
        String help = pages.text(field.labelKey() + ".help");
        return Model.create()
                .text("name", name)
                .text("id", "mailseal-" + name.replaceAll("[^A-Za-z0-9]", "-"))
                .text("label", pages.text(field.labelKey()))
                .text("help", help.endsWith(field.labelKey() + ".help") ? "" : help)
                .text("value", field.kind() == Kind.SECRET ? "" : value)
                .flag("checked", field.kind() == Kind.CHECKBOX && !value.isBlank())
                .flag("text", field.kind() == Kind.TEXT)
                .flag("number", field.kind() == Kind.NUMBER)
                .flag("textarea", field.kind() == Kind.TEXTAREA)
                .flag("checkbox", field.kind() == Kind.CHECKBOX)
                .flag("select", field.kind() == Kind.SELECT)
                .flag("secret", field.kind() == Kind.SECRET)
                .flag("stored", secretStored)
                .text("clearName", name + ".clear")
                .models("options", options)
                .texts("problems", messages)
                .flag("invalid", !messages.isEmpty());
    }

    /** Whether a problem's field is shown at a field: the same name, or a part of it. */
    private static boolean shows(String name, String problemField) {
        return problemField.equals(name) || problemField.startsWith(name + ".") || problemField.startsWith(name + "[")
                || problemField.startsWith(name + " ");
    }

    private static boolean storedRowSecret(JsonNode marked, Section section, String address, String path) {
        for (JsonNode row : at(marked, section.table())) {
            if (row.path(section.secret()).isTextual() && row.path("address").asText("").strip()
                    .equalsIgnoreCase(address == null ? "" : address.strip())
                    && row.path(section.fields().get(1).path()).asText("").equals(path == null ? "" : path.strip())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The rows of a signing table that name their file: uploaded identities (no file path) are not edited in the
     * table but on the upload part of the screen.
     */
    private static List<JsonNode> fileRows(Section section, JsonNode rows) {
        List<JsonNode> files = new ArrayList<>();
        rows.forEach(row -> {
            if (!row.path(section.fields().get(1).path()).isMissingNode()) {
                files.add(row);
            }
        });
        return files;
    }

    private void readTable(Form form, Section section, ObjectNode tree, Map<String, String> renames,
                           List<String> clear, List<Checked.Problem> problems) {
        List<JsonNode> uploaded = new ArrayList<>();
        at(tree, section.table()).forEach(row -> {
            if (row.path(section.fields().get(1).path()).isMissingNode()) {
                uploaded.add(row);
            }
        });
        ArrayNode array = MAPPER.createArrayNode();
        int rows = rows(form, section);
        for (int i = 0; i < rows; i++) {
            boolean blank = true;
            for (Field column : section.fields()) {
                blank &= form.get(rowField(section, i, column)).isBlank();
            }
            if (blank) {
                continue;
            }
            String formRow = section.table() + "[" + i + "]";
            String documentRow = section.table() + "[" + array.size() + "]";
            Field file = section.fields().get(1);
            if (form.get(rowField(section, i, file)).isBlank()) {
                problems.add(new Checked.Problem(formRow + "." + file.path(), "is required"));
            }
            renames.put(documentRow, formRow);
            ObjectNode row = array.addObject();
            for (Field column : section.fields()) {
                String name = rowField(section, i, column);
                if (column.kind() == Kind.SECRET && form.checked(name + ".clear")) {
                    clear.add(documentRow + "." + column.path());
                }
                put(row, column.path(), column, form.get(name));
            }
        }
        uploaded.forEach(array::add);
        remove(tree, section.table());
        ObjectNode parent = parent(tree, section.table());
        parent.set(last(section.table()), array);
    }

    private static void readExemptions(String text, ObjectNode tree, List<Checked.Problem> problems,
                                       Map<String, String> renames) {
        ArrayNode rules = MAPPER.createArrayNode();
        String[] lines = text.split("\r?\n", -1);
        for (int line = 0; line < lines.length; line++) {
            if (lines[line].isBlank()) {
                continue;
            }
            String where = EXEMPTIONS + " (line " + (line + 1) + ")";
            try {
                JsonNode rule = MAPPER.readTree(lines[line]);
                if (rule == null || !rule.isObject()) {
                    problems.add(new Checked.Problem(where, "must be one JSON object per line"));
                    continue;
                }
                renames.put(EXEMPTIONS + "[" + rules.size() + "]", where);
                rules.add(rule);
            } catch (JsonProcessingException e) {
                problems.add(new Checked.Problem(where, "not valid JSON: " + e.getOriginalMessage()));
            }
        }
        remove(tree, EXEMPTIONS);
        parent(tree, EXEMPTIONS).set("exemptions", rules);
    }

    private static void put(ObjectNode tree, String path, Field field, String raw) {
        ObjectNode parent = parent(tree, path);
        String name = last(path);
        switch (field.kind()) {
            case CHECKBOX -> parent.put(name, !raw.isBlank());
            case NUMBER -> {
                if (raw.isBlank()) {
                    parent.remove(name);
                } else {
                    try {
                        parent.put(name, Integer.parseInt(raw.strip()));
                    } catch (NumberFormatException e) {
                        parent.put(name, raw.strip()); // SettingsJson names the field: "must be a whole number"
                    }
                }
            }
            case SELECT, TEXTAREA -> parent.put(name, raw);
            case TEXT, SECRET -> {
                if (raw.isBlank()) {
                    parent.remove(name);
                } else {
                    parent.put(name, field.kind() == Kind.SECRET ? raw : raw.strip());
                }
            }
            default -> throw new IllegalStateException(field.kind().name());
        }
    }

    private static ObjectNode parent(ObjectNode tree, String path) {
        String[] names = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < names.length - 1; i++) {
            JsonNode child = node.get(names[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(names[i]);
        }
        return node;
    }

    private static void remove(ObjectNode tree, String path) {
        parent(tree, path).remove(last(path));
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static JsonNode at(JsonNode tree, String path) {
        JsonNode node = tree;
        for (String name : path.split("\\.")) {
            node = node.path(name);
        }
        return node;
    }

    private static String value(JsonNode node, Field field) {
        if (field.kind() == Kind.SECRET || node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (field.kind() == Kind.CHECKBOX) {
            return node.asBoolean() ? "true" : "";
        }
        return node.asText();
    }

    private static int rows(Form form, Section section) {
        return Math.max(0, Math.min(MAX_ROWS, parseInt(form.get(section.table() + ".rows"))));
    }

    private static String rowField(Section section, int row, Field column) {
        return section.table() + "[" + row + "]." + column.path();
    }

    private static int parseInt(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the settings writer wrote JSON it cannot read", e);
        }
    }

    /** Splits {@code field: message}. */
    static Checked.Problem parse(String problem) {
        int colon = problem.indexOf(": ");
        return colon < 0 ? new Checked.Problem("(document)", problem)
                : new Checked.Problem(problem.substring(0, colon), problem.substring(colon + 2));
    }

    private static Checked.Problem rename(Checked.Problem problem, Map<String, String> renames) {
        for (Map.Entry<String, String> rename : renames.entrySet()) {
            String from = rename.getKey();
            if (problem.field().equals(from) || problem.field().startsWith(from + ".")) {
                return new Checked.Problem(rename.getValue() + problem.field().substring(from.length()),
                        problem.message());
            }
        }
        return problem;
    }

    @Override
    public String toString() {
        return "SettingsForm" + sections.stream().map(Section::key).toList();
    }
}
