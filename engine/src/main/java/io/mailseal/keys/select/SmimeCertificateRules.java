package io.mailseal.keys.select;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Decides whether an X.509 certificate may be used to encrypt mail to an address (RFC 8550 section 3 and 4.4,
 * RFC 8551), and orders the usable ones.
 *
 * <p>A certificate is usable when it is an end-entity certificate, names the address in a subjectAltName
 * rfc822Name or (legacy) in the subject's emailAddress attribute, is inside its validity period, allows key
 * transport (RSA: keyEncipherment) or key agreement (EC: keyAgreement) when it has a key usage extension, allows
 * e-mail protection when it has an extended key usage extension, has an RSA key of at least 2048 bits or an EC key on
 * P-256, P-384 or P-521, and is not signed with MD5 or SHA-1. Among usable certificates the newest (latest notBefore)
 * comes first. Chain building and revocation are separate checks.
 *
 * <p>Thread-safe and immutable. The clock decides "now".
 */
public final class SmimeCertificateRules {

    private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;
    private static final int MINIMUM_RSA_BITS = 2048;
    private static final Set<ASN1ObjectIdentifier> CURVES = Set.of(SECObjectIdentifiers.secp256r1,
            SECObjectIdentifiers.secp384r1, SECObjectIdentifiers.secp521r1);

    private final Clock clock;

    /**
     * Creates the rules.
     *
     * @param clock the source of "now" for validity checks
     */
    public SmimeCertificateRules(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks every candidate and orders the usable ones, newest first.
     *
     * @param address    the recipient
     * @param candidates certificates found for (or near) the address
     * @return the usable certificates and the rejections
     */
    public Selection select(EmailAddress address, Collection<X509Certificate> candidates) {
        List<Profile> profiles = new ArrayList<>(candidates.size());
        for (X509Certificate candidate : candidates) {
            profiles.add(profile(candidate));
        }
        return selectProfiles(address, profiles);
    }

    /**
     * Checks candidates whose time-independent facts were worked out before (for example when a key store was
     * indexed), and orders the usable ones, newest first.
     *
     * @param address    the recipient
     * @param candidates profiles of the candidate certificates
     * @return the usable certificates and the rejections
     */
    public Selection selectProfiles(EmailAddress address, Collection<Profile> candidates) {
        List<X509Certificate> usable = new ArrayList<>(candidates.size());
        List<Rejection> rejected = new ArrayList<>();
        for (Profile candidate : candidates) {
            check(address, candidate).ifPresentOrElse(rejected::add, () -> usable.add(candidate.certificate()));
        }
        if (usable.size() > 1) {
            usable.sort(Comparator.comparing(X509Certificate::getNotBefore).reversed());
        }
        List<RecipientKey> accepted = new ArrayList<>(usable.size());
        for (X509Certificate certificate : usable) {
            accepted.add(new RecipientKey.Smime(certificate, List.of()));
        }
        return new Selection(accepted, rejected);
    }

    /**
     * Checks one certificate.
     *
     * @param address     the recipient
     * @param certificate the candidate
     * @return the first rule it breaks, or empty if it is usable
     */
    public Optional<Rejection> check(EmailAddress address, X509Certificate certificate) {
        return check(address, profile(certificate));
    }

    /**
     * Checks one certificate from its profile: the rules in the order CA, address, validity, key usage, extended key
     * usage, key strength, signature.
     *
     * @param address the recipient
     * @param profile the candidate's profile
     * @return the first rule it breaks, or empty if it is usable
     */
    public Optional<Rejection> check(EmailAddress address, Profile profile) {
        X509Certificate certificate = profile.certificate();
        if (profile.authority() != null) {
            return Optional.of(profile.authority());
        }
        if (!profile.names(address)) {
            return reject(certificate, RejectionReason.ADDRESS_MISMATCH,
                    profile.addresses().isEmpty() ? "no e-mail address in the certificate"
                            : "certificate is for " + String.join(", ", profile.addresses()));
        }
        Instant now = clock.instant();
        if (now.isBefore(profile.notBefore())) {
            return reject(certificate, RejectionReason.NOT_YET_VALID, "valid from " + profile.notBefore());
        }
        if (now.isAfter(profile.notAfter())) {
            return reject(certificate, RejectionReason.EXPIRED, "expired on " + profile.notAfter());
        }
        return Optional.ofNullable(profile.unfit());
    }

    /**
     * Works out the facts about a certificate that do not change with time or recipient, once.
     *
     * @param certificate the certificate
     * @return its profile
     */
    public static Profile profile(X509Certificate certificate) {
        Rejection authority = certificate.getBasicConstraints() >= 0
                ? reject(certificate, RejectionReason.CA_CERTIFICATE, "basicConstraints cA=true").orElseThrow()
                : null;
        List<String> addresses = addresses(certificate);
        List<String> canonical = addresses.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).toList();
        return new Profile(certificate, addresses, canonical, certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), authority, unfit(certificate).orElse(null));
    }

    /**
     * What {@link #check(EmailAddress, Profile)} needs to know about a certificate, worked out once.
     *
     * @param certificate the certificate
     * @param addresses   the addresses it names, as written
     * @param canonical   the same, lower-cased, for matching
     * @param notBefore   start of validity
     * @param notAfter    end of validity
     * @param authority   the rejection for a CA certificate, or null
     * @param unfit       the first key usage, extended key usage, key strength or signature rule it breaks, or null
     */
    public record Profile(X509Certificate certificate, List<String> addresses, List<String> canonical,
                          Instant notBefore, Instant notAfter, Rejection authority, Rejection unfit) {

        /** Copies the lists. */
        public Profile {
            addresses = List.copyOf(addresses);
            canonical = List.copyOf(canonical);
        }

        /**
         * Whether the certificate names the address.
         *
         * @param address the recipient
         * @return true if one of its addresses is the recipient's
         */
        public boolean names(EmailAddress address) {
            return canonical.contains(address.canonical());
        }
    }

    /** The time-independent rules after the address: key usage, extended key usage, key strength, signature. */
    private static Optional<Rejection> unfit(X509Certificate certificate) {
        PublicKey key = certificate.getPublicKey();
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null) {
            boolean rsa = key instanceof RSAPublicKey;
            int needed = rsa ? KEY_ENCIPHERMENT : KEY_AGREEMENT;
            if (keyUsage.length <= needed || !keyUsage[needed]) {
                return reject(certificate, RejectionReason.KEY_USAGE,
                        "key usage lacks " + (rsa ? "keyEncipherment" : "keyAgreement"));
            }
        }
        Optional<Rejection> extendedKeyUsage = checkExtendedKeyUsage(certificate);
        if (extendedKeyUsage.isPresent()) {
            return extendedKeyUsage;
        }
        Optional<Rejection> strength = checkKey(certificate, key);
        if (strength.isPresent()) {
            return strength;
        }
        String signature = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        if (signature.startsWith("MD") || signature.startsWith("SHA1")) {
            return reject(certificate, RejectionReason.WEAK_SIGNATURE, "signed with " + certificate.getSigAlgName());
        }
        return Optional.empty();
    }

    /**
     * The e-mail addresses a certificate names: its subjectAltName rfc822Names, then any emailAddress attributes of
     * the subject DN (RFC 5280 4.1.2.6: deprecated but still read).
     *
     * @param certificate the certificate
     * @return the addresses as written; possibly empty
     */
    public static List<String> addresses(X509Certificate certificate) {
        List<String> addresses = new ArrayList<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (name.size() >= 2 && Integer.valueOf(1).equals(name.get(0)) && name.get(1) instanceof String s) {
                        addresses.add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // a broken subjectAltName names no address; the DN may still do
        }
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : subject.getRDNs(BCStyle.EmailAddress)) {
            addresses.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
        }
        return addresses;
    }

    private static Optional<Rejection> checkExtendedKeyUsage(X509Certificate certificate) {
        List<String> purposes;
        try {
            purposes = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return reject(certificate, RejectionReason.MALFORMED, "unreadable extended key usage: " + e.getMessage());
        }
        if (purposes != null && !purposes.contains(EMAIL_PROTECTION) && !purposes.contains(ANY_EXTENDED_KEY_USAGE)) {
            return reject(certificate, RejectionReason.EXTENDED_KEY_USAGE,
                    "extended key usage " + purposes + " lacks emailProtection");
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkKey(X509Certificate certificate, PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits < MINIMUM_RSA_BITS
                    ? reject(certificate, RejectionReason.WEAK_KEY, "RSA key of " + bits + " bits (minimum 2048)")
                    : Optional.empty();
        }
        if (key.getAlgorithm().equals("EC")) {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
            Object parameters = info.getAlgorithm().getParameters();
            if (parameters instanceof ASN1ObjectIdentifier curve && CURVES.contains(curve)) {
                return Optional.empty();
            }
            return reject(certificate, RejectionReason.UNSUPPORTED, "EC key on curve " + parameters
                    + " (P-256, P-384 or P-521 needed)");
        }
        return reject(certificate, RejectionReason.UNSUPPORTED,
                key.getAlgorithm() + " key cannot receive encrypted mail (RSA or EC needed)");
    }

    private static Optional<Rejection> reject(X509Certificate certificate, RejectionReason reason, String detail) {
        return Optional.of(new Rejection(RecipientKey.Smime.summaryOf(certificate), reason, detail));
    }
}
