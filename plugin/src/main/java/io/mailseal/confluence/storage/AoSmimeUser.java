package io.mailseal.confluence.storage;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * One entry of the "S/MIME users" list: table {@code AO_EDB82B_SMIME_USER}. Read and written only by
 * {@link AoSmimeUserList}, inside a transaction.
 *
 * <p>Not thread-safe (an Active Objects proxy); never shared.
 */
@Table("SMIME_USER")
public interface AoSmimeUser extends Entity {

    /** Column of {@link #getEmail()}. */
    String EMAIL = "EMAIL";
    /** Column of {@link #getEmailLower()}. */
    String EMAIL_LOWER = "EMAIL_LOWER";
    /** Column of {@link #getName()}. */
    String NAME = "NAME";
    /** Column of {@link #isTeam()}. */
    String TEAM = "TEAM";
    /** Column of {@link #getGivenName()}. */
    String GIVEN_NAME = "GIVEN_NAME";
    /** Column of {@link #getSurname()}. */
    String SURNAME = "SURNAME";
    /** Column of {@link #getUpdatedAt()}. */
    String UPDATED_AT = "UPDATED_AT";

    /** @return the address as given */
    @NotNull
    @StringLength(255)
    String getEmail();

    /** @param email the address */
    void setEmail(String email);

    /** @return the address lower-cased: the key of the entry */
    @NotNull
    @Indexed
    @StringLength(255)
    String getEmailLower();

    /** @param emailLower the lower-cased address */
    void setEmailLower(String emailLower);

    /** @return the full or team name */
    @NotNull
    @StringLength(255)
    String getName();

    /** @param name the name */
    void setName(String name);

    /** @return whether it is a team entry */
    @NotNull
    boolean isTeam();

    /** @param team whether it is a team entry */
    void setTeam(boolean team);

    /** @return the given name, or null */
    @StringLength(255)
    String getGivenName();

    /** @param givenName the given name, or null */
    void setGivenName(String givenName);

    /** @return the surname, or null */
    @StringLength(255)
    String getSurname();

    /** @param surname the surname, or null */
    void setSurname(String surname);

    /** @return when the entry was last set, milliseconds since the epoch */
    @NotNull
    long getUpdatedAt();

    /** @param updatedAt milliseconds since the epoch */
    void setUpdatedAt(long updatedAt);
}
