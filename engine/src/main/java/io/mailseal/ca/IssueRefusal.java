package io.mailseal.ca;

/** Why {@link CertificateAuthority#issue} created nothing. */
public enum IssueRefusal {
    /** The address is not an addr-spec, or not ASCII (an rfc822Name is an IA5String). */
    ADDRESS_INVALID,
    /** A name is blank, longer than 64 characters or holds control characters. */
    NAME_INVALID,
    /** The configured maximum of live certificates is reached. */
    LIMIT_REACHED,
    /** The issuing CA certificate has expired or is not valid yet. */
    ISSUER_NOT_VALID,
    /** A certificate returned by an external CA does not fit the request (key, address or usage). */
    RESPONSE_MISMATCH
}
