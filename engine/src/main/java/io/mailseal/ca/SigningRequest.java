package io.mailseal.ca;

import java.util.Objects;

/**
 * A request to an external CA (the JSON object of the exchange in {@code docs/ca.md}): who the certificate is for and
 * the PKCS#10 CSR, signed with the new key, that carries the same subject and the requested extensions. Field names
 * are the JSON member names; Jackson reads and writes the record as it is.
 *
 * <p>Immutable value, thread-safe; holds no secret.
 *
 * @param requestId    a random UUID; the response names it
 * @param address      the mailbox for the subjectAltName
 * @param team         whether it is a team certificate
 * @param givenName    the person's given name, or null for a team
 * @param surname      the person's surname, or null for a team
 * @param teamName     the team's name, or null for a person
 * @param keyType      the {@link KeySpec} name, e.g. {@code RSA_3072}
 * @param validityDays the requested validity in days
 * @param csr          the PKCS#10 request as PEM ({@code -----BEGIN CERTIFICATE REQUEST-----})
 */
public record SigningRequest(String requestId, String address, boolean team, String givenName, String surname,
                             String teamName, String keyType, int validityDays, String csr) {

    /** Validates the values. */
    public SigningRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(csr, "csr");
        if (team ? teamName == null : givenName == null || surname == null) {
            throw new IllegalArgumentException("request " + requestId + " needs " + (team ? "teamName"
                    : "givenName and surname"));
        }
    }

    /**
     * The holder the request names.
     *
     * @return the person or team
     */
    public Holder holder() {
        return team ? new Holder.Team(teamName) : new Holder.Person(givenName, surname);
    }
}
