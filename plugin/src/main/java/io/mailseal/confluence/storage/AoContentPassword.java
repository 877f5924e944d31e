package io.mailseal.confluence.storage;

import net.java.ao.Entity;
import net.java.ao.Preload;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * One recipient's content password: table {@code AO_EDB82B_CONTENT_PASSWORD}, at most one row per lower-cased
 * address, the password sealed by {@link SecretBox} and bound to the address. Read and written only by
 * {@link AoContentPasswordStore}.
 *
 * <p>Not thread-safe (an Active Objects proxy); never shared.
 */
@Table("CONTENT_PASSWORD")
@Preload
public interface AoContentPassword extends Entity {

    /** Column of {@link #getEmailLower()}. */
    String EMAIL_LOWER = "EMAIL_LOWER";
    /** Column of {@link #getSealedPassword()}. */
    String SEALED_PASSWORD = "SEALED_PASSWORD";
    /** Column of {@link #getSetAt()}. */
    String SET_AT = "SET_AT";

    /** @return the recipient's address, lower-cased */
    @NotNull
    @Indexed
    @StringLength(255)
    String getEmailLower();

    /** @param emailLower the lower-cased address */
    void setEmailLower(String emailLower);

    /** @return the sealed password */
    @NotNull
    @StringLength(StringLength.UNLIMITED)
    String getSealedPassword();

    /** @param sealedPassword the sealed password */
    void setSealedPassword(String sealedPassword);

    /** @return when the password was set, milliseconds since the epoch */
    @NotNull
    long getSetAt();

    /** @param setAt milliseconds since the epoch */
    void setSetAt(long setAt);
}
