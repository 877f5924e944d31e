package io.mailseal.keys;

/**
 * A place recipient keys come from: a key store file, an LDAP server, a key server, the user's upload.
 *
 * <p>Implementations must be thread-safe (lookups for many recipients run at once) and must never throw for an
 * expected outcome: no key, rejected keys, a file that does not parse, a server that is down or slow. Those are
 * {@link SourceResponse}s. Every network call has a connect and a read timeout and a cap on the answer's size.
 */
public interface KeySource {

    /**
     * Which source this is.
     *
     * @return the name used in settings and reports
     */
    SourceName name();

    /**
     * Which kind of key it provides.
     *
     * @return S/MIME or PGP
     */
    KeyType type();

    /**
     * Finds the keys for an address and checks each against the rules for that address.
     *
     * @param address the recipient
     * @return the answer; never null
     */
    SourceResponse lookup(EmailAddress address);
}
