package io.mailseal.ca;

import java.math.BigInteger;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Where every certificate the built-in CA issued is kept with its sealed private key (recoverable by an admin), its
 * revocation, and the CA's CRL counter. The plugin's adapter stores entries in Active Objects; the private keys are
 * already sealed when they get here, so the archive never sees a key in the clear.
 *
 * <p>Every stored entry is one billable creation: {@link #creationsPerMonth()} counts them.
 *
 * <p>Implementations are thread-safe; {@link #nextCrlNumber()} is atomic.
 */
public interface CertificateArchive {

    /**
     * Keeps a newly issued certificate.
     *
     * @param entry the entry, not revoked; not null
     * @throws IllegalArgumentException if an entry with that serial exists or the entry is revoked
     */
    void store(ArchivedCertificate entry);

    /**
     * The entry of a serial.
     *
     * @param serial the serial; not null
     * @return the entry, or empty if there is none
     */
    Optional<ArchivedCertificate> find(BigInteger serial);

    /**
     * Every entry, oldest ({@code issuedAt}) first.
     *
     * @return the entries; never null
     */
    List<ArchivedCertificate> entries();

    /**
     * Records a revocation.
     *
     * @param revocation the revocation; not null
     * @return the entry as revoked now
     * @throws IllegalArgumentException if the serial is unknown or already revoked (the CA checks both first)
     */
    ArchivedCertificate recordRevocation(Revocation revocation);

    /**
     * The number of certificates created per month (UTC) of {@code issuedAt}: the transactions the admin sees.
     *
     * @return the counts, earliest month first; months without creations are absent
     */
    SortedMap<YearMonth, Integer> creationsPerMonth();

    /**
     * The number for the next CRL: one more than the last one handed out, starting at 1, never repeated.
     *
     * @return the CRL number
     */
    BigInteger nextCrlNumber();

    /**
     * How many archived certificates are revoked. Revocations are never undone and entries never removed, so the
     * count only grows: a CRL built from fewer revocations is out of date. The default counts {@link #entries()};
     * a database-backed archive answers with one cheap query (several nodes share it, and each asks before it
     * serves its cached CRL).
     *
     * @return the number of revoked entries
     */
    default long revocationCount() {
        return entries().stream().filter(entry -> entry.findRevocation().isPresent()).count();
    }
}
