package io.mailseal.confluence.storage;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * One certificate the built-in CA issued, with its sealed private key and its revocation: table
 * {@code AO_EDB82B_CA_CERTIFICATE}. Read and written only by {@link AoCertificateArchive}, inside a transaction.
 *
 * <p>Not thread-safe (an Active Objects proxy); never shared.
 */
@Table("CA_CERTIFICATE")
public interface AoCaCertificate extends Entity {

    /** Column of {@link #getSerial()}. */
    String SERIAL = "SERIAL";
    /** Column of {@link #getEmail()}. */
    String EMAIL = "EMAIL";
    /** Column of {@link #isTeam()}. */
    String TEAM = "TEAM";
    /** Column of {@link #getHolderName()}. */
    String HOLDER_NAME = "HOLDER_NAME";
    /** Column of {@link #getGivenName()}. */
    String GIVEN_NAME = "GIVEN_NAME";
    /** Column of {@link #getSurname()}. */
    String SURNAME = "SURNAME";
    /** Column of {@link #getKeySpec()}. */
    String KEY_SPEC = "KEY_SPEC";
    /** Column of {@link #getIssuedAt()}. */
    String ISSUED_AT = "ISSUED_AT";
    /** Column of {@link #getIssuedMonth()}. */
    String ISSUED_MONTH = "ISSUED_MONTH";
    /** Column of {@link #getCertificate()}. */
    String CERTIFICATE = "CERTIFICATE";
    /** Column of {@link #getSealedKey()}. */
    String SEALED_KEY = "SEALED_KEY";
    /** Column of {@link #getRevokedAt()}. */
    String REVOKED_AT = "REVOKED_AT";
    /** Column of {@link #getRevocationReason()}. */
    String REVOCATION_REASON = "REVOCATION_REASON";

    /** @return the serial number, lower-case hex */
    @NotNull
    @Indexed
    @StringLength(64)
    String getSerial();

    /** @param serial the serial, lower-case hex */
    void setSerial(String serial);

    /** @return the address the certificate is for */
    @NotNull
    @StringLength(255)
    String getEmail();

    /** @param email the address */
    void setEmail(String email);

    /** @return whether it is a team certificate */
    @NotNull
    boolean isTeam();

    /** @param team whether it is a team certificate */
    void setTeam(boolean team);

    /** @return the team name of a team certificate; null for a person */
    @StringLength(255)
    String getHolderName();

    /** @param holderName the team name, or null */
    void setHolderName(String holderName);

    /** @return the given name of a personal certificate; null for a team (or an empty name on some databases) */
    @StringLength(255)
    String getGivenName();

    /** @param givenName the given name, or null */
    void setGivenName(String givenName);

    /** @return the surname of a personal certificate; null for a team */
    @StringLength(255)
    String getSurname();

    /** @param surname the surname, or null */
    void setSurname(String surname);

    /** @return the key type's name ({@link io.mailseal.ca.KeySpec}) */
    @NotNull
    @StringLength(16)
    String getKeySpec();

    /** @param keySpec the key type's name */
    void setKeySpec(String keySpec);

    /** @return when it was issued, milliseconds since the epoch */
    @NotNull
    long getIssuedAt();

    /** @param issuedAt milliseconds since the epoch */
    void setIssuedAt(long issuedAt);

    /** @return the UTC month of issue, {@code yyyy-MM}, which the transaction counts group by */
    @NotNull
    @Indexed
    @StringLength(7)
    String getIssuedMonth();

    /** @param issuedMonth the month, {@code yyyy-MM} */
    void setIssuedMonth(String issuedMonth);

    /** @return the certificate, DER in base64 */
    @NotNull
    @StringLength(StringLength.UNLIMITED)
    String getCertificate();

    /** @param certificate the certificate, DER in base64 */
    void setCertificate(String certificate);

    /** @return the private key as the CA sealed it */
    @NotNull
    @StringLength(StringLength.UNLIMITED)
    String getSealedKey();

    /** @param sealedKey the sealed private key */
    void setSealedKey(String sealedKey);

    /** @return when it was revoked, milliseconds since the epoch; null while it is not */
    Long getRevokedAt();

    /** @param revokedAt milliseconds since the epoch, or null */
    void setRevokedAt(Long revokedAt);

    /** @return the revocation reason's name; null while not revoked */
    @StringLength(32)
    String getRevocationReason();

    /** @param revocationReason the reason's name, or null */
    void setRevocationReason(String revocationReason);
}
