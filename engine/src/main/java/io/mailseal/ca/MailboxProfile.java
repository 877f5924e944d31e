package io.mailseal.ca;

import io.mailseal.keys.EmailAddress;
import java.io.IOException;
import java.net.URI;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;

/**
 * The profile of a Mailseal mailbox certificate (docs/ca.md): subject names and extensions, shared by the built-in
 * CA and the CSRs for external CAs. Stateless; thread-safe.
 */
final class MailboxProfile {

    private MailboxProfile() {
    }

    /** {@code CN=<name>}, for a person also {@code givenName} and {@code surname}. */
    static X500Name subject(Holder holder) {
        X500NameBuilder names = new X500NameBuilder(BCStyle.INSTANCE);
        if (holder instanceof Holder.Person person) {
            names.addRDN(BCStyle.GIVENNAME, person.givenName());
            names.addRDN(BCStyle.SURNAME, person.surname());
        }
        names.addRDN(BCStyle.CN, holder.commonName());
        return names.build();
    }

    /** The address if it can be an rfc822Name (an ASCII addr-spec), otherwise empty. */
    static Optional<EmailAddress> address(String text) {
        return EmailAddress.find(text)
                .filter(address -> address.value().chars().allMatch(c -> c > ' ' && c < 0x7f));
    }

    /**
     * Why a request cannot be certified (an address that cannot be an rfc822Name, a bad name), or null if it can.
     */
    static IssueResult.Refused refusal(IssueRequest request) {
        Optional<EmailAddress> address = address(request.address());
        if (address.isEmpty()) {
            return new IssueResult.Refused(IssueRefusal.ADDRESS_INVALID, "'" + request.address()
                    + "' is not an ASCII e-mail address; a certificate cannot name it");
        }
        String nameProblem = nameProblem(request.holder());
        if (nameProblem != null) {
            return new IssueResult.Refused(IssueRefusal.NAME_INVALID, address.get() + ": " + nameProblem);
        }
        return null;
    }

    /** The problem with a holder's names, or null: blank, over 64 characters, control characters. */
    static String nameProblem(Holder holder) {
        List<String> names = holder instanceof Holder.Person person
                ? List.of(person.givenName(), person.surname(), person.commonName())
                : List.of(holder.commonName());
        for (String name : names) {
            if (name.isBlank()) {
                return "a name is empty";
            }
            if (name.codePointCount(0, name.length()) > Holder.MAX_NAME_LENGTH) {
                return "the name '" + name + "' is longer than " + Holder.MAX_NAME_LENGTH + " characters";
            }
            if (name.chars().anyMatch(Character::isISOControl)) {
                return "the name '" + name.replaceAll("\\p{Cntrl}", "?") + "' holds control characters";
            }
        }
        return null;
    }

    /** Extensions every mailbox certificate and CSR carries (not the key identifiers, which the CA adds). */
    static List<Extension> extensions(String address, Holder holder, PublicKey key, URI crlUrl) {
        try {
            List<Extension> extensions = new ArrayList<>();
            extensions.add(new Extension(Extension.basicConstraints, true,
                    new BasicConstraints(false).getEncoded()));
            int usage = "RSA".equals(key.getAlgorithm())
                    ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                    : KeyUsage.digitalSignature | KeyUsage.keyAgreement;
            extensions.add(new Extension(Extension.keyUsage, true, new KeyUsage(usage).getEncoded()));
            extensions.add(new Extension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection).getEncoded()));
            extensions.add(new Extension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.rfc822Name, address)).getEncoded()));
            extensions.add(new Extension(Extension.certificatePolicies, false, new CertificatePolicies(
                    new PolicyInformation(holder.team() ? X509Parts.TEAM_POLICY : X509Parts.PERSONAL_POLICY))
                    .getEncoded()));
            if (crlUrl != null) {
                GeneralNames where = new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl.toString()));
                extensions.add(new Extension(Extension.cRLDistributionPoints, false, new CRLDistPoint(
                        new DistributionPoint[] {new DistributionPoint(new DistributionPointName(where), null, null)})
                        .getEncoded()));
            }
            return extensions;
        } catch (IOException e) {
            throw new CaException(CaException.Code.SIGNING_FAILED, "cannot encode the extensions for " + address, e);
        }
    }
}
