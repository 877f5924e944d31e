package io.mailseal.use.sync;

import io.mailseal.ca.Holder;
import io.mailseal.ca.IssuedCertificate;
import io.mailseal.ca.KeySpec;
import io.mailseal.keys.EmailAddress;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Plans certificates line by line for the reconciler, the WatchDog and the batch import: create when the address has
 * no live certificate or its newest expires within the renewal buffer, revoke every live one when none is wanted,
 * and never plan more live certificates than the limit (counted in line order: a revocation frees a place for later
 * lines). Not thread-safe: one per plan.
 */
final class CertificatePlanner {

    /** Why a personal certificate has no holder. */
    static final String NO_NAMES = "a personal certificate needs a given name and a surname: write givenname: and"
            + " surname:, or a name of two words or more";

    private final SyncState state;
    private final Instant now;
    private final SmimeSyncSettings settings;
    private final List<LineOutcome> overLimit = new ArrayList<>();
    private int live;

    CertificatePlanner(SyncState state, Instant now, SmimeSyncSettings settings) {
        this.state = Objects.requireNonNull(state, "state");
        this.now = Objects.requireNonNull(now, "now");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.live = state.liveCertificateCount();
    }

    /**
     * The holder of a wanted certificate: the team name for a team; else the given name and surname, or the name
     * split at its last blank.
     *
     * @return the holder, or null for a personal one-word name without given name and surname
     */
    static Holder holder(String name, boolean team, Optional<String> givenName, Optional<String> surname) {
        if (team) {
            return new Holder.Team(name);
        }
        if (givenName.isPresent()) {
            return new Holder.Person(givenName.get(), surname.orElseThrow());
        }
        String stripped = name.strip();
        int blank = stripped.lastIndexOf(' ');
        return blank < 0 ? null : new Holder.Person(stripped.substring(0, blank), stripped.substring(blank + 1));
    }

    /** The lines cut by the limit so far. */
    List<LineOutcome> overLimit() {
        return List.copyOf(overLimit);
    }

    /** The newest live certificate of an address, or null. */
    IssuedCertificate newest(EmailAddress address) {
        return certificates(address).stream().max(Comparator.comparing(IssuedCertificate::notAfter)).orElse(null);
    }

    /** Whether a certificate needs no successor yet. */
    boolean current(IssuedCertificate certificate) {
        return certificate != null && certificate.notAfter().isAfter(now.plus(settings.renewalBuffer()));
    }

    /**
     * A certificate is wanted for an address.
     *
     * @param holder the holder, or null with {@code holderProblem} saying why there is none
     */
    LineOutcome wanted(int line, String text, EmailAddress address, Holder holder, String holderProblem,
                       List<SyncAction> actions) {
        return wanted(line, text, address, holder, holderProblem, settings.keySpec(), actions);
    }

    /** A certificate with this key is wanted for an address. */
    LineOutcome wanted(int line, String text, EmailAddress address, Holder holder, String holderProblem,
                       KeySpec keySpec, List<SyncAction> actions) {
        IssuedCertificate newest = newest(address);
        if (current(newest)) {
            return LineOutcome.of(line, text, LinePrefix.NOTHING, "has a live certificate " + newest.serialHex()
                    + " valid until " + newest.notAfter());
        }
        if (holder == null) {
            return LineOutcome.of(line, text, LinePrefix.FAILED, "no certificate created: " + holderProblem);
        }
        SyncAction.CertificateReason reason = newest == null ? SyncAction.CertificateReason.NEW
                : SyncAction.CertificateReason.RENEWAL;
        String why = newest == null ? "no live certificate" : "live certificate " + newest.serialHex()
                + " expires " + newest.notAfter() + ", within the renewal buffer of "
                + settings.renewalBuffer().toHours() + " hours";
        if (live >= settings.maxLive()) {
            LineOutcome cut = LineOutcome.of(line, text, LinePrefix.FAILED, "no certificate created: " + live
                    + " certificates are live, the limit is " + settings.maxLive() + " (" + why
                    + "); the admins are alerted");
            overLimit.add(cut);
            return cut;
        }
        live++;
        actions.add(new SyncAction.IssueCertificate(line, address, holder, keySpec, settings.validity(), reason));
        return LineOutcome.of(line, text, LinePrefix.CREATE, "creates " + (holder.team() ? "a team" : "a personal")
                + " certificate for \"" + holder.commonName() + "\" (" + keySpec.algorithm() + "-" + keySpec.bits()
                + ", valid " + settings.validity() + "): " + why);
    }

    /** No certificate is wanted for an address: revoke every live one. */
    LineOutcome unwanted(int line, String text, EmailAddress address, List<SyncAction> actions) {
        List<IssuedCertificate> certificates = certificates(address);
        if (certificates.isEmpty()) {
            return LineOutcome.of(line, text, LinePrefix.NOTHING, "has no live certificate");
        }
        List<BigInteger> serials = certificates.stream().map(IssuedCertificate::serial).sorted().toList();
        live -= serials.size();
        actions.add(new SyncAction.RevokeCertificates(line, address, serials));
        return LineOutcome.of(line, text, LinePrefix.DELETE, "revokes " + serials.size() + " certificate"
                + (serials.size() == 1 ? "" : "s") + " (cessationOfOperation): " + serials.stream()
                .map(serial -> serial.toString(16)).collect(Collectors.joining(", ")));
    }

    private List<IssuedCertificate> certificates(EmailAddress address) {
        return state.certificates(address).orElseThrow(() -> new IllegalStateException(
                "the state has no certificates: no certificate authority is configured"));
    }
}
