package io.mailseal.use.sync;

import io.mailseal.ca.Holder;
import io.mailseal.crypto.pgp.PgpKeyGenerator;
import io.mailseal.imports.SecretDisplay;
import io.mailseal.rules.GroupMember;
import io.mailseal.rules.Rule;
import io.mailseal.rules.RuleImportResult;
import io.mailseal.rules.RuleSet;
import io.mailseal.settings.Secret;
import io.mailseal.store.ManagedKeyStatus;
import io.mailseal.use.PgpKeyType;
import io.mailseal.use.RunOptions;
import io.mailseal.use.UseImportResult;
import io.mailseal.use.UseLine;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a valid import file with the current state and says what to do: pure (reads only its arguments and the
 * clock), so the same state and file always give the same plan, and a file planned again after its plan was applied
 * gives a plan without actions.
 *
 * <p>{@code .useimport} lines:
 * <ul>
 *   <li>{@code pgp-state ... keystate:1}: {@code (%)} if the address has a valid managed PGP key (not expired, not
 *       revoked), else {@code (+)} create one with the line's values and the {@link KeyDefaults} for the rest.
 *       {@code keytype:dsa} is {@code (!)}: Mailseal's OpenPGP policy accepts no DSA/ElGamal, so such a key could
 *       never be used;</li>
 *   <li>{@code pgp-state ... keystate:0}: {@code (-)} delete every managed PGP key of the address (valid or not), or
 *       {@code (%)} if there is none;</li>
 *   <li>{@code smime-state ... keystate:1}: {@code (%)} if the address has a live certificate that does not expire
 *       within the renewal buffer ({@link SmimeSyncSettings#renewalBuffer()}), else {@code (+)} create one (a team
 *       certificate with the line's name for {@code teamcert:1}; a personal one with {@code givenname} and
 *       {@code surname}, or the name split at its last blank); {@code (!)} when the live-certificate limit is
 *       reached (counted in file order; the plan lists such lines in {@link SyncPlan#overLimit()});</li>
 *   <li>{@code smime-state ... keystate:0}: {@code (-)} revoke every live certificate of the address
 *       (cessationOfOperation), or {@code (%)} if there is none. Without a certificate authority (the state has no
 *       certificates) every {@code smime-state} line is {@code (%)} "not managed";</li>
 *   <li>{@code group}: {@code (%)} if the member is in the live group, else {@code (+)}; each group the file names
 *       is set to exactly its listed members (compared ignoring case and order), and each live member left out gets
 *       a {@code (-)} outcome without a line;</li>
 *   <li>{@code passphrase} and {@code option}: {@code (%)}; they inform the run.</li>
 * </ul>
 * A {@code .ruleimport} replaces the live rule set unless it is equal: each rule {@code (%)} if the live set has it,
 * else {@code (+)}; each live rule it leaves out {@code (-)}. Its outcomes are numbered by rule (1, 2, ...).
 *
 * <p>Thread-safe and immutable.
 */
public final class Reconciler {

    private static final String SMIME_LATER = "S/MIME certificates are not managed: no certificate authority is"
            + " configured; nothing done";

    private final KeyDefaults defaults;
    private final SmimeSyncSettings smime;
    private final Clock clock;

    /**
     * A reconciler.
     *
     * @param defaults what a {@code pgp-state} line leaves out; {@link KeyDefaults#SPEC} by default
     * @param clock    decides which managed keys are still valid
     */
    public Reconciler(KeyDefaults defaults, Clock clock) {
        this(defaults, SmimeSyncSettings.DEFAULTS, clock);
    }

    /**
     * A reconciler that manages S/MIME certificates with these settings.
     *
     * @param defaults what a {@code pgp-state} line leaves out
     * @param smime    the renewal buffer, the limit and the certificate's key and validity
     * @param clock    decides which keys and certificates are still valid
     */
    public Reconciler(KeyDefaults defaults, SmimeSyncSettings smime, Clock clock) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.smime = Objects.requireNonNull(smime, "smime");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Plans a valid {@code .useimport}.
     *
     * @param state the current state
     * @param file  the file
     * @return the plan
     */
    public SyncPlan reconcile(SyncState state, UseImportResult.Valid file) {
        Objects.requireNonNull(state, "state");
        Instant now = clock.instant();
        Map<String, List<UseLine.GroupEntry>> groups = new LinkedHashMap<>();
        Map<String, Set<String>> liveMembers = new LinkedHashMap<>();
        for (UseLine line : file.lines()) {
            if (line instanceof UseLine.GroupEntry entry) {
                String key = entry.group().toLowerCase(Locale.ROOT);
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
                liveMembers.computeIfAbsent(key, k -> lowerCase(state.groups().members(entry.group())
                        .orElse(List.of())));
            }
        }
        List<LineOutcome> outcomes = new ArrayList<>(file.lines().size());
        List<SyncAction> actions = new ArrayList<>();
        CertificatePlanner certificates = new CertificatePlanner(state, now, smime);
        for (UseLine line : file.lines()) {
            String text = line.render(SecretDisplay.MASK);
            if (line instanceof UseLine.PgpState pgp) {
                outcomes.add(pgp(state, pgp, text, now, actions));
            } else if (line instanceof UseLine.SmimeState smimeLine) {
                outcomes.add(state.certificates(smimeLine.address()).isEmpty()
                        ? LineOutcome.of(line.line(), text, LinePrefix.NOTHING, SMIME_LATER)
                        : smime(smimeLine, text, certificates, actions));
            } else if (line instanceof UseLine.GroupEntry entry) {
                String key = entry.group().toLowerCase(Locale.ROOT);
                String group = groups.get(key).get(0).group();
                boolean live = liveMembers.get(key).contains(entry.member().render().toLowerCase(Locale.ROOT));
                outcomes.add(live
                        ? LineOutcome.of(entry.line(), text, LinePrefix.NOTHING, "already in group " + group)
                        : LineOutcome.of(entry.line(), text, LinePrefix.CREATE, "added to group " + group));
            } else if (line instanceof UseLine.Passphrase) {
                outcomes.add(LineOutcome.of(line.line(), text, LinePrefix.NOTHING, "passphrase for private-key"
                        + " imports"));
            } else {
                outcomes.add(LineOutcome.of(line.line(), text, LinePrefix.NOTHING, "option for this run"));
            }
        }
        for (List<UseLine.GroupEntry> entries : groups.values()) {
            group(state, entries, outcomes, actions);
        }
        return new SyncPlan(file.file(), SyncPlan.Kind.USE_IMPORT, outcomes, actions, file.options(),
                certificates.overLimit());
    }

    private static LineOutcome smime(UseLine.SmimeState line, String text, CertificatePlanner certificates,
                                     List<SyncAction> actions) {
        if (!line.keyWanted()) {
            return certificates.unwanted(line.line(), text, line.address(), actions);
        }
        Holder holder = CertificatePlanner.holder(line.name().orElseThrow(), line.teamCertificate().orElse(false),
                line.givenName(), line.surname());
        return certificates.wanted(line.line(), text, line.address(), holder, holder != null ? null
                : CertificatePlanner.NO_NAMES, actions);
    }

    private LineOutcome pgp(SyncState state, UseLine.PgpState line, String text, Instant now,
                            List<SyncAction> actions) {
        List<ManagedKeyStatus> keys = state.pgpKeys(line.address());
        if (!line.keyWanted()) {
            if (keys.isEmpty()) {
                return LineOutcome.of(line.line(), text, LinePrefix.NOTHING, "has no managed PGP key");
            }
            List<String> fingerprints = keys.stream().map(ManagedKeyStatus::fingerprint).sorted().toList();
            actions.add(new SyncAction.DeletePgpKeys(line.line(), line.address(), fingerprints));
            return LineOutcome.of(line.line(), text, LinePrefix.DELETE, "deletes " + count(keys.size(),
                    "managed PGP key") + ": " + String.join(", ", fingerprints));
        }
        ManagedKeyStatus valid = keys.stream().filter(key -> key.validAt(now))
                .max(Comparator.comparing(ManagedKeyStatus::created)).orElse(null);
        if (valid != null) {
            return LineOutcome.of(line.line(), text, LinePrefix.NOTHING, "has a valid managed PGP key "
                    + valid.fingerprint());
        }
        PgpKeyType type = line.keyType().orElse(defaults.type());
        if (type == PgpKeyType.DSA) {
            return LineOutcome.of(line.line(), text, LinePrefix.FAILED, "no key made: keytype dsa is not accepted by"
                    + " Mailseal's OpenPGP policy (DSA/ElGamal are deprecated by RFC 9580), so the key could never"
                    + " be used; write keytype:rsa or keytype:ed25519");
        }
        PgpKeyGenerator.Algorithm algorithm = type == PgpKeyType.ED25519 ? PgpKeyGenerator.Algorithm.ED25519
                : PgpKeyGenerator.Algorithm.RSA;
        int bits = algorithm == PgpKeyGenerator.Algorithm.RSA ? line.keyLength().orElse(defaults.rsaBits()) : 0;
        int years = line.validityYears().orElse(defaults.validityYears());
        PgpKeyGenerator.Spec spec = new PgpKeyGenerator.Spec(line.address(), line.name().orElseThrow(),
                line.comment(), algorithm, bits, years);
        actions.add(new SyncAction.CreatePgpKey(line.line(), spec));
        String what = algorithm == PgpKeyGenerator.Algorithm.RSA ? "RSA-" + bits : "Ed25519";
        String why = keys.isEmpty() ? "no managed PGP key" : "no valid managed PGP key (" + keys.size()
                + " expired or revoked)";
        return LineOutcome.of(line.line(), text, LinePrefix.CREATE, "creates an " + what + " key valid "
                + count(years, "year") + ": " + why);
    }

    private static void group(SyncState state, List<UseLine.GroupEntry> entries, List<LineOutcome> outcomes,
                              List<SyncAction> actions) {
        String name = entries.get(0).group();
        List<GroupMember> live = state.groups().members(name).orElse(List.of());
        List<GroupMember> wanted = entries.stream().map(UseLine.GroupEntry::member).toList();
        Set<String> wantedLower = lowerCase(wanted);
        List<GroupMember> removed = live.stream()
                .filter(member -> !wantedLower.contains(member.render().toLowerCase(Locale.ROOT))).toList();
        if (removed.isEmpty() && lowerCase(live).equals(wantedLower)) {
            return;
        }
        actions.add(new SyncAction.SetGroup(entries.get(0).line(), name, wanted, removed));
        for (GroupMember member : removed) {
            outcomes.add(LineOutcome.of(0, "group:" + member.render() + ";" + name, LinePrefix.DELETE,
                    "removed from group " + name + ": not in the file"));
        }
    }

    /**
     * Plans a valid {@code .ruleimport}.
     *
     * @param state the current state
     * @param file  the file
     * @return the plan
     */
    public SyncPlan reconcile(SyncState state, RuleImportResult.Valid file) {
        Objects.requireNonNull(state, "state");
        RuleSet live = state.liveRules();
        RuleSet target = file.ruleSet();
        Set<String> liveRules = new HashSet<>();
        live.rules().forEach(rule -> liveRules.add(rule.render(SecretDisplay.REVEAL)));
        Set<String> targetRules = new HashSet<>();
        List<LineOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < target.rules().size(); i++) {
            Rule rule = target.rules().get(i);
            String revealed = rule.render(SecretDisplay.REVEAL);
            targetRules.add(revealed);
            outcomes.add(liveRules.contains(revealed)
                    ? LineOutcome.of(file.lineOf(i), rule.render(SecretDisplay.MASK), LinePrefix.NOTHING,
                    "already live")
                    : LineOutcome.of(file.lineOf(i), rule.render(SecretDisplay.MASK), LinePrefix.CREATE, "new rule"));
        }
        if (live.equals(target)) {
            return new SyncPlan(file.file(), SyncPlan.Kind.RULE_IMPORT, outcomes, List.of(), RunOptions.NONE);
        }
        for (Rule rule : live.rules()) {
            if (!targetRules.contains(rule.render(SecretDisplay.REVEAL))) {
                outcomes.add(LineOutcome.of(0, rule.render(SecretDisplay.MASK), LinePrefix.DELETE,
                        "removed: not in the file"));
            }
        }
        return new SyncPlan(file.file(), SyncPlan.Kind.RULE_IMPORT, outcomes,
                List.of(new SyncAction.ReplaceRules(0, target)), RunOptions.NONE);
    }

    /**
     * Plans the import of a file from the share's public-key directory.
     *
     * @param file    the file's name
     * @param content its bytes
     * @return the plan: one action, one outcome (the addresses are known only once the file is read)
     */
    public SyncPlan importPublicKeys(String file, byte[] content) {
        return new SyncPlan(file, SyncPlan.Kind.PUBLIC_KEYS, List.of(LineOutcome.of(0, file, LinePrefix.CREATE,
                "public keys to import")), List.of(new SyncAction.ImportPublicKeys(0, file, content)), RunOptions.NONE);
    }

    /**
     * Plans the import of a file from the share's private-key directory.
     *
     * @param file        the file's name
     * @param content     its bytes
     * @param passphrases the passphrases to try, in order (the admin's default first, then the import file's)
     * @return the plan: one action, one outcome
     */
    public SyncPlan importPrivateKey(String file, byte[] content, List<Secret> passphrases) {
        return new SyncPlan(file, SyncPlan.Kind.PRIVATE_KEY, List.of(LineOutcome.of(0, file, LinePrefix.CREATE,
                "private key to import")), List.of(new SyncAction.ImportPrivateKey(0, file, content, passphrases)),
                RunOptions.NONE);
    }

    private static Set<String> lowerCase(List<GroupMember> members) {
        Set<String> lower = new HashSet<>();
        members.forEach(member -> lower.add(member.render().toLowerCase(Locale.ROOT)));
        return lower;
    }

    private static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
