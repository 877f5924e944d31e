package io.mailseal.use.sync;

import io.mailseal.ca.IssueRefusal;
import io.mailseal.ca.IssuedCertificate;
import io.mailseal.ca.Revocation;
import io.mailseal.keys.EmailAddress;
import java.util.Objects;

/**
 * What happened at the certificate authority for one action: the material of the S/MIME transactional report
 * ({@link SmimeReport}). Public data only: a certificate, never its key.
 *
 * <p>Immutable values, thread-safe.
 */
public sealed interface CertificateTransaction {

    /**
     * The input line.
     *
     * @return the line number, from 1; 0 for a WatchDog entry
     */
    int line();

    /**
     * A certificate was created (one billable transaction).
     *
     * @param line        the line
     * @param certificate the certificate
     * @param reason      new or renewal
     */
    record Issued(int line, IssuedCertificate certificate, SyncAction.CertificateReason reason)
            implements CertificateTransaction {

        /** Validates. */
        public Issued {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A certificate was revoked.
     *
     * @param line        the line
     * @param certificate the certificate
     * @param revocation  when and why
     */
    record Revoked(int line, IssuedCertificate certificate, Revocation revocation) implements CertificateTransaction {

        /** Validates. */
        public Revoked {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(revocation, "revocation");
        }
    }

    /**
     * The CA created nothing.
     *
     * @param line    the line
     * @param address the address
     * @param reason  why (e.g. {@link IssueRefusal#LIMIT_REACHED})
     * @param detail  the CA's sentence
     */
    record Refused(int line, EmailAddress address, IssueRefusal reason, String detail)
            implements CertificateTransaction {

        /** Validates. */
        public Refused {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
