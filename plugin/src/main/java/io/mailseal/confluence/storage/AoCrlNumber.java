package io.mailseal.confluence.storage;

import net.java.ao.Entity;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.Table;
import net.java.ao.schema.Unique;

/**
 * One CRL number handed out: table {@code AO_EDB82B_CA_CRL_NUMBER}. The unique column makes two nodes that take the
 * same next number collide, so {@link AoCertificateArchive#nextCrlNumber()} retries instead of repeating a number.
 *
 * <p>Not thread-safe (an Active Objects proxy); never shared.
 */
@Table("CA_CRL_NUMBER")
public interface AoCrlNumber extends Entity {

    /** Column of {@link #getCrlNumber()}. */
    String CRL_NUMBER = "CRL_NUMBER";

    /** @return the CRL number */
    @NotNull
    @Unique
    long getCrlNumber();

    /** @param number the CRL number */
    void setCrlNumber(long number);
}
