package io.mailseal.keys;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A recipient's e-mail address (an RFC 5322 addr-spec without display name or angle brackets), as keys are looked up
 * and matched by it.
 *
 * <p>Matching ignores case in both parts: RFC 5321 lets the local part be case-sensitive, but no mail system in
 * practice treats it so, and certificates and user IDs are written in any case. {@link #value()} keeps the local part
 * as written and lower-cases the domain.
 *
 * <p>Immutable and thread-safe.
 *
 * @param localPart the part before the last {@code @}, as written; not empty
 * @param domain    the part after it, lower-cased; not empty
 */
public record EmailAddress(String localPart, String domain) {

    /** The longest address SMTP allows (RFC 5321 4.5.3.1: 64 + 1 + 255). */
    private static final int MAX_LENGTH = 320;

    /** Validates the parts. */
    public EmailAddress {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        String problem = problem(localPart, domain);
        if (problem != null) {
            throw new IllegalArgumentException("not an e-mail address: " + localPart + "@" + domain + " (" + problem + ")");
        }
        domain = domain.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an address, accepting surrounding blanks and one pair of angle brackets.
     *
     * @param text the address, e.g. {@code alice@example.com} or {@code <alice@example.com>}
     * @return the address
     * @throws IllegalArgumentException naming the text and the problem if it is not an address
     */
    public static EmailAddress parse(String text) {
        return find(text).orElseThrow(() -> new IllegalArgumentException("not an e-mail address: " + text));
    }

    /**
     * Parses an address if the text is one.
     *
     * @param text the text; null gives empty
     * @return the address, or empty if the text is not an address
     */
    public static Optional<EmailAddress> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("<") && trimmed.endsWith(">")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1).strip();
        }
        int at = trimmed.lastIndexOf('@');
        if (at < 0 || trimmed.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String local = trimmed.substring(0, at);
        String domain = trimmed.substring(at + 1);
        return problem(local, domain) == null ? Optional.of(new EmailAddress(local, domain)) : Optional.empty();
    }

    /**
     * The address as {@code local@domain}.
     *
     * @return the address text
     */
    public String value() {
        return localPart + "@" + domain;
    }

    /**
     * The form used as a cache and index key: the whole address lower-cased.
     *
     * @return the canonical text
     */
    public String canonical() {
        return value().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether some text (from a certificate or a user ID) names this address, ignoring case.
     *
     * @param candidate an addr-spec; null never matches
     * @return true if it is the same address
     */
    public boolean matches(String candidate) {
        return candidate != null && canonical().equals(candidate.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether another address is this one, ignoring case.
     *
     * @param other an address; null never matches
     * @return true if both name the same mailbox
     */
    public boolean matches(EmailAddress other) {
        return other != null && canonical().equals(other.canonical());
    }

    @Override
    public String toString() {
        return value();
    }

    private static String problem(String local, String domain) {
        if (local.isEmpty() || domain.isEmpty()) {
            return "empty local part or domain";
        }
        if (local.length() > 64) {
            return "local part longer than 64 characters";
        }
        for (int i = 0; i < local.length() + domain.length(); i++) {
            char c = i < local.length() ? local.charAt(i) : domain.charAt(i - local.length());
            if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '\\' || c == '"'
                    || c == '(' || c == ')' || c == '[' || c == ']' || c == '@') {
                return "character '" + c + "' not allowed";
            }
        }
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..") || !domain.contains(".")
                && !domain.equalsIgnoreCase("localhost")) {
            return "domain is not a host name";
        }
        return null;
    }
}
