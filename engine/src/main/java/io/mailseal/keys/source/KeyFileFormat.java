package io.mailseal.keys.source;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.format.CertificateReader;
import io.mailseal.keys.format.OpenPgpKeyReader;
import io.mailseal.keys.select.OpenPgpKeyRules;
import io.mailseal.keys.select.Selection;
import io.mailseal.keys.select.SmimeCertificateRules;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/**
 * How to read, index and check the keys of one kind of key file: S/MIME certificates or OpenPGP keys.
 *
 * <p>Implementations are thread-safe and stateless apart from their readers and rules.
 *
 * @param <T> the parsed key type (an S/MIME certificate's {@link SmimeCertificateRules.Profile} or a
 *            {@link PGPPublicKeyRing})
 */
public interface KeyFileFormat<T> {

    /**
     * The kind of key.
     *
     * @return S/MIME or PGP
     */
    KeyType type();

    /**
     * Parses a whole file.
     *
     * @param data the file's bytes
     * @return the keys and the problems met, or why nothing could be read
     */
    Parsed<T> parse(byte[] data);

    /**
     * The addresses a key names (certificate subjectAltNames and emailAddress; OpenPGP user IDs), for the index.
     *
     * @param key a parsed key
     * @return the addresses as written
     */
    List<String> addresses(T key);

    /**
     * Checks candidates for an address.
     *
     * @param address    the recipient
     * @param candidates keys indexed under the address
     * @return the usable keys and rejections
     */
    Selection select(EmailAddress address, List<T> candidates);

    /**
     * What parsing a file gave.
     *
     * @param keys     the keys read; empty when the file is unreadable
     * @param problems skipped parts and why
     * @param format   the detected format, or null when the file is unreadable
     * @param error    why nothing could be read, or null
     * @param <T>      the key type
     */
    record Parsed<T>(List<T> keys, List<String> problems, String format, String error) {

        /** Copies the lists. */
        public Parsed {
            keys = List.copyOf(keys);
            problems = List.copyOf(problems);
        }
    }

    /**
     * S/MIME certificates from PKCS#7, PEM, DER or BKS files. Each certificate's time-independent facts (addresses,
     * key usage, strength) are worked out when the file is read, so a lookup only matches and checks dates.
     *
     * @param crypto the runtime (opens BKS)
     * @param clock  "now" for the certificate rules
     * @return the format
     */
    static KeyFileFormat<SmimeCertificateRules.Profile> smime(CryptoRuntime crypto, Clock clock) {
        CertificateReader reader = new CertificateReader(crypto);
        SmimeCertificateRules rules = new SmimeCertificateRules(clock);
        return new KeyFileFormat<>() {
            @Override
            public KeyType type() {
                return KeyType.SMIME;
            }

            @Override
            public Parsed<SmimeCertificateRules.Profile> parse(byte[] data) {
                CertificateReader.Result result = reader.read(data);
                if (result instanceof CertificateReader.Read read) {
                    List<SmimeCertificateRules.Profile> profiles = new ArrayList<>(read.certificates().size());
                    for (X509Certificate certificate : read.certificates()) {
                        profiles.add(SmimeCertificateRules.profile(certificate));
                    }
                    return new Parsed<>(profiles, read.problems(), read.format().name(), null);
                }
                return new Parsed<>(List.of(), List.of(), null, ((CertificateReader.Unreadable) result).reason());
            }

            @Override
            public List<String> addresses(SmimeCertificateRules.Profile key) {
                return key.addresses();
            }

            @Override
            public Selection select(EmailAddress address, List<SmimeCertificateRules.Profile> candidates) {
                return rules.selectProfiles(address, candidates);
            }
        };
    }

    /**
     * OpenPGP keys from binary keyrings, armored files and GnuPG keyboxes.
     *
     * @param clock "now" for the key rules
     * @return the format
     */
    static KeyFileFormat<PGPPublicKeyRing> pgp(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        OpenPgpKeyReader reader = new OpenPgpKeyReader();
        OpenPgpKeyRules rules = new OpenPgpKeyRules(clock);
        return new KeyFileFormat<>() {
            @Override
            public KeyType type() {
                return KeyType.PGP;
            }

            @Override
            public Parsed<PGPPublicKeyRing> parse(byte[] data) {
                OpenPgpKeyReader.Result result = reader.read(data);
                if (result instanceof OpenPgpKeyReader.Read read) {
                    return new Parsed<>(read.keyRings(), read.problems(), read.format().name(), null);
                }
                return new Parsed<>(List.of(), List.of(), null, ((OpenPgpKeyReader.Unreadable) result).reason());
            }

            @Override
            public List<String> addresses(PGPPublicKeyRing key) {
                List<String> addresses = new ArrayList<>();
                for (Iterator<String> ids = key.getPublicKey().getUserIDs(); ids.hasNext(); ) {
                    OpenPgpKeyRules.addressOf(ids.next()).ifPresent(address -> addresses.add(address.value()));
                }
                return addresses;
            }

            @Override
            public Selection select(EmailAddress address, List<PGPPublicKeyRing> candidates) {
                return rules.select(address, candidates);
            }
        };
    }
}
