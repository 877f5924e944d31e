package io.mailseal.ca;

import org.bouncycastle.asn1.x509.CRLReason;

/** The reasons Mailseal publishes in its CRL (RFC 5280 5.3.1, the subset the S/MIME baseline lets a CA use). */
public enum RevocationReason {
    /** No reason given. */
    UNSPECIFIED(CRLReason.unspecified),
    /** The private key is known or suspected to be compromised. */
    KEY_COMPROMISE(CRLReason.keyCompromise),
    /** The holder's name or affiliation changed. */
    AFFILIATION_CHANGED(CRLReason.affiliationChanged),
    /** Replaced by a newer certificate (renewal). */
    SUPERSEDED(CRLReason.superseded),
    /** No longer needed ({@code keystate:0}, a leaver). */
    CESSATION_OF_OPERATION(CRLReason.cessationOfOperation);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /**
     * The CRLReason code.
     *
     * @return e.g. 5 for cessationOfOperation
     */
    public int code() {
        return code;
    }
}
