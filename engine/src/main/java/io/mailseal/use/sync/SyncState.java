package io.mailseal.use.sync;

import io.mailseal.ca.IssuedCertificate;
import io.mailseal.keys.EmailAddress;
import io.mailseal.rules.Groups;
import io.mailseal.rules.RuleSet;
import io.mailseal.store.ManagedKeyStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The current state the reconciler compares a file with: the managed PGP keys per address (statuses only), the live
 * groups, the live rule set and, when a certificate authority is configured, its live certificates per address. A
 * snapshot: later changes to the stores do not show.
 *
 * <p>Immutable and thread-safe.
 */
public final class SyncState {

    private final Map<String, List<ManagedKeyStatus>> pgpKeys;
    private final Groups groups;
    private final RuleSet liveRules;
    private final Map<String, List<IssuedCertificate>> certificates;
    private final int liveCertificates;

    private SyncState(Map<String, List<ManagedKeyStatus>> pgpKeys, Groups groups, RuleSet liveRules,
                      Map<String, List<IssuedCertificate>> certificates, int liveCertificates) {
        this.pgpKeys = pgpKeys;
        this.groups = groups;
        this.liveRules = liveRules;
        this.certificates = certificates;
        this.liveCertificates = liveCertificates;
    }

    /**
     * A snapshot.
     *
     * @param pgpKeys   the statuses of every managed PGP key
     * @param groups    the live groups
     * @param liveRules the live rule set
     * @return the state
     */
    public static SyncState of(Collection<ManagedKeyStatus> pgpKeys, Groups groups, RuleSet liveRules) {
        Map<String, List<ManagedKeyStatus>> byAddress = new HashMap<>(Math.max(16, pgpKeys.size() * 4 / 3 + 1));
        for (ManagedKeyStatus status : pgpKeys) {
            byAddress.computeIfAbsent(status.address().canonical(), k -> new ArrayList<>(1)).add(status);
        }
        return new SyncState(byAddress, Objects.requireNonNull(groups, "groups"),
                Objects.requireNonNull(liveRules, "liveRules"), null, 0);
    }

    /**
     * The same state with the live certificates of the certificate authority (S/MIME lines are then managed).
     *
     * @param live the CA's live certificates ({@link io.mailseal.ca.CertificateAuthority#live()})
     * @return the state
     */
    public SyncState withCertificates(List<IssuedCertificate> live) {
        Map<String, List<IssuedCertificate>> byAddress = new HashMap<>();
        for (IssuedCertificate certificate : live) {
            byAddress.computeIfAbsent(certificate.address().canonical(), k -> new ArrayList<>(1)).add(certificate);
        }
        return new SyncState(pgpKeys, groups, liveRules, byAddress, live.size());
    }

    /**
     * The live certificates of an address, if certificates are managed.
     *
     * @param address the address (ignoring case)
     * @return the certificates (empty list if none); empty if no certificate authority is configured
     */
    public Optional<List<IssuedCertificate>> certificates(EmailAddress address) {
        return certificates == null ? Optional.empty()
                : Optional.of(certificates.getOrDefault(address.canonical(), List.of()));
    }

    /**
     * How many certificates are live in all.
     *
     * @return the count; 0 if no certificate authority is configured
     */
    public int liveCertificateCount() {
        return liveCertificates;
    }

    /**
     * The managed PGP keys of an address.
     *
     * @param address the address (ignoring case)
     * @return the statuses; empty if none
     */
    public List<ManagedKeyStatus> pgpKeys(EmailAddress address) {
        return pgpKeys.getOrDefault(address.canonical(), List.of());
    }

    /**
     * The live groups.
     *
     * @return the groups
     */
    public Groups groups() {
        return groups;
    }

    /**
     * The live rule set.
     *
     * @return the rules
     */
    public RuleSet liveRules() {
        return liveRules;
    }

    /** The counts, never addresses. */
    @Override
    public String toString() {
        return "SyncState[" + pgpKeys.size() + " addresses with PGP keys, " + groups + ", " + liveRules + "]";
    }
}
