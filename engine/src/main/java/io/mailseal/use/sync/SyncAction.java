package io.mailseal.use.sync;

import io.mailseal.ca.Holder;
import io.mailseal.ca.KeySpec;
import io.mailseal.ca.RevocationReason;
import io.mailseal.crypto.pgp.PgpKeyGenerator;
import io.mailseal.keys.EmailAddress;
import io.mailseal.rules.GroupMember;
import io.mailseal.rules.RuleSet;
import io.mailseal.settings.Secret;
import java.math.BigInteger;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One change a {@link SyncPlan} asks for. The executor applies each and records its result.
 *
 * <p>S/MIME certificates: {@link IssueCertificate} and {@link RevokeCertificates}, applied through the
 * {@link io.mailseal.ca.CertificateAuthority} port.
 *
 * <p>Implementations are immutable values; secrets and file contents never show in {@code toString()}.
 */
public sealed interface SyncAction {

    /**
     * The input line the action belongs to.
     *
     * @return the line number, from 1; 0 for an action of a whole file (rules, a key file)
     */
    int line();

    /**
     * Make a PGP key for an address ({@code pgp-state} with {@code keystate:1} and no valid managed key).
     *
     * @param line the line
     * @param spec the key: user ID, algorithm, size, validity (the line's values, the admin's defaults for the rest)
     */
    record CreatePgpKey(int line, PgpKeyGenerator.Spec spec) implements SyncAction {

        /** Validates. */
        public CreatePgpKey {
            Objects.requireNonNull(spec, "spec");
        }
    }

    /**
     * Delete every managed PGP key of an address ({@code pgp-state} with {@code keystate:0}).
     *
     * @param line         the line
     * @param address      the address
     * @param fingerprints the keys there were when planning, for the report
     */
    record DeletePgpKeys(int line, EmailAddress address, List<String> fingerprints) implements SyncAction {

        /** Validates and copies. */
        public DeletePgpKeys {
            Objects.requireNonNull(address, "address");
            fingerprints = List.copyOf(fingerprints);
        }
    }

    /**
     * Set a group to exactly these members (groups are full state).
     *
     * @param line    the first line that names the group
     * @param name    the group's name as the file writes it
     * @param members the members, in file order
     * @param removed live members the file leaves out, for the report
     */
    record SetGroup(int line, String name, List<GroupMember> members, List<GroupMember> removed)
            implements SyncAction {

        /** Validates and copies. */
        public SetGroup {
            Objects.requireNonNull(name, "name");
            members = List.copyOf(members);
            removed = List.copyOf(removed);
        }
    }

    /**
     * Replace the live rule set by a rule file's.
     *
     * @param line  0 (the whole file)
     * @param rules the new rule set
     */
    record ReplaceRules(int line, RuleSet rules) implements SyncAction {

        /** Validates. */
        public ReplaceRules {
            Objects.requireNonNull(rules, "rules");
        }
    }

    /**
     * Import the public keys of a file from the share's public-key directory (X.509 certificates, OpenPGP public
     * keys) as managed keys of the addresses they carry.
     *
     * @param line    0 (the whole file)
     * @param file    the file's name
     * @param content the file's bytes
     */
    record ImportPublicKeys(int line, String file, byte[] content) implements SyncAction {

        /** Validates and copies. */
        public ImportPublicKeys {
            Objects.requireNonNull(file, "file");
            content = Objects.requireNonNull(content, "content").clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ImportPublicKeys that && line == that.line && file.equals(that.file)
                    && Arrays.equals(content, that.content);
        }

        @Override
        public int hashCode() {
            return Objects.hash(line, file, Arrays.hashCode(content));
        }

        @Override
        public String toString() {
            return "ImportPublicKeys[" + file + ", " + content.length + " bytes]";
        }
    }

    /**
     * Import a private key from the share's private-key directory (PKCS#12, OpenPGP secret key) as a signing
     * identity, unlocked with the default passphrase first, then each passphrase of the import file in order.
     *
     * @param line        0 (the whole file)
     * @param file        the file's name
     * @param content     the file's bytes
     * @param passphrases the passphrases to try, in order (the admin's default first)
     */
    record ImportPrivateKey(int line, String file, byte[] content, List<Secret> passphrases) implements SyncAction {

        /** Validates and copies. */
        public ImportPrivateKey {
            Objects.requireNonNull(file, "file");
            content = Objects.requireNonNull(content, "content").clone();
            passphrases = List.copyOf(passphrases);
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ImportPrivateKey that && line == that.line && file.equals(that.file)
                    && Arrays.equals(content, that.content) && passphrases.equals(that.passphrases);
        }

        @Override
        public int hashCode() {
            return Objects.hash(line, file, Arrays.hashCode(content));
        }

        @Override
        public String toString() {
            return "ImportPrivateKey[" + file + ", " + content.length + " bytes, " + passphrases.size()
                    + " passphrases]";
        }
    }

    /** Why a certificate is created. */
    enum CertificateReason {
        /** The address has no live certificate. */
        NEW,
        /** The address's live certificate expires within the renewal buffer. */
        RENEWAL
    }

    /**
     * Issue an S/MIME certificate ({@code smime-state} with {@code keystate:1}, a WatchDog renewal, a batch row).
     *
     * @param line     the line
     * @param address  the certificate's address
     * @param holder   the person (given name, surname) or team (team name)
     * @param keySpec  the key to create
     * @param validity how long it is valid (as the CA's profile says; shown in the instructions)
     * @param reason   new or renewal
     */
    record IssueCertificate(int line, EmailAddress address, Holder holder, KeySpec keySpec, Period validity,
                            CertificateReason reason) implements SyncAction {

        /** Validates. */
        public IssueCertificate {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(keySpec, "keySpec");
            Objects.requireNonNull(validity, "validity");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Revoke certificates of an address: every live one for {@code smime-state} with {@code keystate:0} (reason
     * cessationOfOperation), or the one an admin revokes on the archive page (the admin's reason).
     *
     * @param line    the line; 0 for an admin's revocation
     * @param address the address
     * @param serials the live certificates when planning
     * @param reason  the reason the CRL gives
     */
    record RevokeCertificates(int line, EmailAddress address, List<BigInteger> serials, RevocationReason reason)
            implements SyncAction {

        /** Validates and copies. */
        public RevokeCertificates {
            Objects.requireNonNull(address, "address");
            serials = List.copyOf(serials);
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * The sync's revocation: reason cessationOfOperation.
         *
         * @param line    the line
         * @param address the address
         * @param serials the live certificates when planning
         */
        public RevokeCertificates(int line, EmailAddress address, List<BigInteger> serials) {
            this(line, address, serials, RevocationReason.CESSATION_OF_OPERATION);
        }
    }
}
