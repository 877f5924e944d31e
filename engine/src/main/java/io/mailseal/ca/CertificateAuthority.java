package io.mailseal.ca;

import java.math.BigInteger;
import java.util.List;

/**
 * A certificate authority that issues and revokes S/MIME mailbox certificates for Mailseal (the port the sync, the
 * WatchDog and the admin screens call). The built-in implementation is {@link BuiltInCertificateAuthority}; an
 * external CA plugs in behind the same port using the PKCS#10 exchange of {@link SigningRequests}.
 *
 * <p>Expected outcomes (an address that cannot go into a certificate, the live-certificate limit, an unknown or
 * already revoked serial) come back as results with a reason; only operational failures throw
 * ({@link CaException}).
 *
 * <p>Implementations are thread-safe.
 */
public interface CertificateAuthority {

    /**
     * Creates a key pair and a certificate for an address. Every successful call is a billable creation, counted
     * per month by the archive.
     *
     * @param request who the certificate is for and which key to create; not null
     * @return the certificate with its private key and chain, or the reason nothing was created
     */
    IssueResult issue(IssueRequest request);

    /**
     * Revokes a certificate this CA issued.
     *
     * @param serial the certificate's serial number; not null
     * @param reason the reason to publish in the CRL; not null
     * @return the revocation, or why there was nothing to revoke
     */
    RevokeResult revoke(BigInteger serial, RevocationReason reason);

    /**
     * The certificates that are live now: issued by this CA, not revoked, not expired.
     *
     * @return the live certificates, oldest first; never null
     */
    List<IssuedCertificate> live();
}
