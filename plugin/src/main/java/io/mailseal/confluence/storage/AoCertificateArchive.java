package io.mailseal.confluence.storage;

import com.atlassian.activeobjects.external.ActiveObjects;
import io.mailseal.ca.ArchivedCertificate;
import io.mailseal.ca.CertificateArchive;
import io.mailseal.ca.Holder;
import io.mailseal.ca.IssuedCertificate;
import io.mailseal.ca.KeySpec;
import io.mailseal.ca.Revocation;
import io.mailseal.ca.RevocationReason;
import io.mailseal.keys.EmailAddress;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import net.java.ao.Query;

/**
 * The built-in CA's {@link CertificateArchive} in Active Objects: one {@link AoCaCertificate} row per issued
 * certificate, one {@link AoCrlNumber} row per CRL number handed out. The private keys arrive sealed and are stored
 * exactly as given, never opened here. Every access runs in one {@link ActiveObjects#executeInTransaction}.
 *
 * <p>Thread-safe: no state of its own besides the injected service. {@link #nextCrlNumber()} is atomic across the
 * cluster through the unique CRL number column.
 */
public final class AoCertificateArchive implements CertificateArchive {

    private static final int CRL_NUMBER_ATTEMPTS = 5;

    private final ActiveObjects ao;

    /**
     * Creates the archive.
     *
     * @param ao the plugin's Active Objects (the {@code ao-module} declares both entities)
     */
    public AoCertificateArchive(ActiveObjects ao) {
        this.ao = Objects.requireNonNull(ao, "ao");
    }

    @Override
    public void store(ArchivedCertificate entry) {
        Objects.requireNonNull(entry, "entry");
        if (entry.findRevocation().isPresent()) {
            throw new IllegalArgumentException("a new entry cannot be revoked: " + entry.certificate().serialHex());
        }
        IssuedCertificate issued = entry.certificate();
        ao.executeInTransaction(() -> {
            if (row(issued.serial()).isPresent()) {
                throw new IllegalArgumentException("serial " + issued.serialHex() + " is archived already");
            }
            Map<String, Object> row = new HashMap<>();
            row.put(AoCaCertificate.SERIAL, issued.serialHex());
            row.put(AoCaCertificate.EMAIL, issued.address().value());
            if (issued.holder() instanceof Holder.Team team) {
                row.put(AoCaCertificate.TEAM, true);
                row.put(AoCaCertificate.HOLDER_NAME, team.name());
            } else {
                Holder.Person person = (Holder.Person) issued.holder();
                row.put(AoCaCertificate.TEAM, false);
                row.put(AoCaCertificate.GIVEN_NAME, person.givenName());
                row.put(AoCaCertificate.SURNAME, person.surname());
            }
            row.put(AoCaCertificate.KEY_SPEC, issued.keySpec().name());
            row.put(AoCaCertificate.ISSUED_AT, issued.issuedAt().toEpochMilli());
            row.put(AoCaCertificate.ISSUED_MONTH, YearMonth.from(issued.issuedAt().atOffset(ZoneOffset.UTC))
                    .toString());
            row.put(AoCaCertificate.CERTIFICATE, Base64.getEncoder().encodeToString(der(issued.certificate())));
            row.put(AoCaCertificate.SEALED_KEY, entry.sealedKey());
            ao.create(AoCaCertificate.class, row);
            return null;
        });
    }

    @Override
    public Optional<ArchivedCertificate> find(BigInteger serial) {
        Objects.requireNonNull(serial, "serial");
        return ao.executeInTransaction(() -> row(serial).map(AoCertificateArchive::entry));
    }

    @Override
    public List<ArchivedCertificate> entries() {
        return ao.executeInTransaction(() -> Arrays.stream(ao.find(AoCaCertificate.class, Query.select()
                        .order(AoCaCertificate.ISSUED_AT + " ASC, ID ASC")))
                .map(AoCertificateArchive::entry)
                .toList());
    }

    @Override
    public ArchivedCertificate recordRevocation(Revocation revocation) {
        Objects.requireNonNull(revocation, "revocation");
        return ao.executeInTransaction(() -> {
            AoCaCertificate row = row(revocation.serial()).orElseThrow(() -> new IllegalArgumentException(
                    "serial " + revocation.serial().toString(16) + " is not archived"));
            if (row.getRevokedAt() != null) {
                throw new IllegalArgumentException("serial " + row.getSerial() + " is revoked already");
            }
            row.setRevokedAt(revocation.revokedAt().toEpochMilli());
            row.setRevocationReason(revocation.reason().name());
            row.save();
            return entry(row);
        });
    }

    @Override
    public SortedMap<YearMonth, Integer> creationsPerMonth() {
        return ao.executeInTransaction(() -> {
            SortedMap<YearMonth, Integer> counts = new TreeMap<>();
            ao.stream(AoCaCertificate.class, Query.select("ID, " + AoCaCertificate.ISSUED_MONTH),
                    row -> counts.merge(YearMonth.parse(row.getIssuedMonth()), 1, Integer::sum));
            return counts;
        });
    }

    /** One {@code COUNT} over the revoked rows; every node asks it before serving its cached CRL. */
    @Override
    public long revocationCount() {
        return ao.executeInTransaction(() -> (long) ao.count(AoCaCertificate.class, Query.select()
                .where(AoCaCertificate.REVOKED_AT + " IS NOT NULL")));
    }

    @Override
    public BigInteger nextCrlNumber() {
        RuntimeException last = null;
        for (int attempt = 0; attempt < CRL_NUMBER_ATTEMPTS; attempt++) {
            try {
                return ao.executeInTransaction(() -> {
                    AoCrlNumber[] top = ao.find(AoCrlNumber.class, Query.select()
                            .order(AoCrlNumber.CRL_NUMBER + " DESC").limit(1));
                    long next = top.length == 0 ? 1 : top[0].getCrlNumber() + 1;
                    ao.create(AoCrlNumber.class, Map.of(AoCrlNumber.CRL_NUMBER, next));
                    return BigInteger.valueOf(next);
                });
            } catch (RuntimeException e) {
                last = e; // another node took the same number: the unique column refused ours
            }
        }
        throw new IllegalStateException("no CRL number after " + CRL_NUMBER_ATTEMPTS + " attempts", last);
    }

    @Override
    public String toString() {
        return "AoCertificateArchive";
    }

    private Optional<AoCaCertificate> row(BigInteger serial) {
        AoCaCertificate[] rows = ao.find(AoCaCertificate.class, Query.select()
                .where(AoCaCertificate.SERIAL + " = ?", serial.toString(16)));
        return rows.length == 0 ? Optional.empty() : Optional.of(rows[0]);
    }

    private static ArchivedCertificate entry(AoCaCertificate row) {
        Holder holder = row.isTeam() ? new Holder.Team(row.getHolderName())
                : new Holder.Person(Objects.requireNonNullElse(row.getGivenName(), ""),
                        Objects.requireNonNullElse(row.getSurname(), ""));
        IssuedCertificate issued = new IssuedCertificate(certificate(row.getCertificate()),
                EmailAddress.parse(row.getEmail()), holder, KeySpec.valueOf(row.getKeySpec()),
                Instant.ofEpochMilli(row.getIssuedAt()));
        Revocation revocation = row.getRevokedAt() == null ? null : new Revocation(issued.serial(),
                Instant.ofEpochMilli(row.getRevokedAt()), RevocationReason.valueOf(row.getRevocationReason()));
        return new ArchivedCertificate(issued, row.getSealedKey(), revocation);
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded", e);
        }
    }

    private static X509Certificate certificate(String base64) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        } catch (CertificateException e) {
            throw new IllegalStateException("an archived certificate cannot be read", e);
        }
    }
}
