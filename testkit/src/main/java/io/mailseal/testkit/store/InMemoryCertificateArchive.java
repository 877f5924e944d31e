package io.mailseal.testkit.store;

import io.mailseal.ca.ArchivedCertificate;
import io.mailseal.ca.CertificateArchive;
import io.mailseal.ca.Revocation;
import java.math.BigInteger;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@link CertificateArchive} in a map, for tests and the sandbox. Thread-safe: every method is synchronized.
 */
public final class InMemoryCertificateArchive implements CertificateArchive {

    private final Map<BigInteger, ArchivedCertificate> entries = new LinkedHashMap<>();
    private BigInteger crlNumber = BigInteger.ZERO;

    @Override
    public synchronized void store(ArchivedCertificate entry) {
        if (entry.findRevocation().isPresent()) {
            throw new IllegalArgumentException("a new entry cannot be revoked: " + entry.certificate().serialHex());
        }
        if (entries.putIfAbsent(entry.serial(), entry) != null) {
            throw new IllegalArgumentException("serial " + entry.certificate().serialHex() + " is archived already");
        }
    }

    @Override
    public synchronized Optional<ArchivedCertificate> find(BigInteger serial) {
        return Optional.ofNullable(entries.get(serial));
    }

    @Override
    public synchronized List<ArchivedCertificate> entries() {
        List<ArchivedCertificate> all = new ArrayList<>(entries.values());
        all.sort(Comparator.comparing(entry -> entry.certificate().issuedAt()));
        return List.copyOf(all);
    }

    @Override
    public synchronized ArchivedCertificate recordRevocation(Revocation revocation) {
        ArchivedCertificate entry = entries.get(revocation.serial());
        if (entry == null) {
            throw new IllegalArgumentException("unknown serial " + revocation.serial().toString(16));
        }
        if (entry.findRevocation().isPresent()) {
            throw new IllegalArgumentException("serial " + revocation.serial().toString(16) + " is revoked already");
        }
        ArchivedCertificate revoked = entry.revoked(revocation);
        entries.put(revocation.serial(), revoked);
        return revoked;
    }

    @Override
    public synchronized SortedMap<YearMonth, Integer> creationsPerMonth() {
        SortedMap<YearMonth, Integer> counts = new TreeMap<>();
        for (ArchivedCertificate entry : entries.values()) {
            counts.merge(YearMonth.from(entry.certificate().issuedAt().atOffset(ZoneOffset.UTC)), 1, Integer::sum);
        }
        return counts;
    }

    @Override
    public synchronized BigInteger nextCrlNumber() {
        crlNumber = crlNumber.add(BigInteger.ONE);
        return crlNumber;
    }
}
