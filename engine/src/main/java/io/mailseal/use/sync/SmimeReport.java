package io.mailseal.use.sync;

import io.mailseal.ca.IssueRefusal;
import io.mailseal.ca.IssuedCertificate;
import io.mailseal.keys.EmailAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The S/MIME transactional report (the spec's): the certificates a run (sync, WatchDog cycle or batch import)
 * created and revoked, with serial numbers, subjects and validity; the created certificates attached as a zip of
 * PEM files (public certificates only: private keys never go by mail or to the share); in semi-automatic mode the
 * CSV of certificates to create; and, when the live-certificate limit stopped a creation, an alert for the admins.
 *
 * <p>Immutable and thread-safe; never holds a private key.
 *
 * @param subject     the mail subject
 * @param summary     one line: created, revoked, to create, over the limit
 * @param text        the report, lines ending {@code \n}
 * @param attachments the certificates' zip, the instructions CSV (each only when there is something in it)
 * @param to          who gets the report
 * @param admins      the admin recipients; they get it too when {@link #adminAlert()} or instructions are attached
 * @param adminAlert  whether the live-certificate limit stopped a creation
 * @param toAdmins    whether the admins get it (limit reached, or instructions to check)
 */
public record SmimeReport(String subject, String summary, String text, List<SyncReport.Attachment> attachments,
                          List<EmailAddress> to, List<EmailAddress> admins, boolean adminAlert, boolean toAdmins) {

    /** Validates and copies. */
    public SmimeReport {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(text, "text");
        attachments = List.copyOf(attachments);
        to = List.copyOf(to);
        admins = List.copyOf(admins);
    }

    /**
     * Everyone the mail goes to: the report's recipients, and the admins when they must act.
     *
     * @return the addresses, without duplicates
     */
    public List<EmailAddress> recipients() {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        List<EmailAddress> all = new ArrayList<>();
        for (EmailAddress address : toAdmins ? concat(to, admins) : to) {
            if (seen.add(address.canonical())) {
                all.add(address);
            }
        }
        return List.copyOf(all);
    }

    private static List<EmailAddress> concat(List<EmailAddress> a, List<EmailAddress> b) {
        List<EmailAddress> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * The report as a mail ({@code multipart/mixed}: the text, the zip, the CSV), RFC 5322 bytes.
     *
     * @param from the sender
     * @param date the Date header
     * @return the message's bytes
     */
    public byte[] toMime(EmailAddress from, Instant date) {
        return ReportMail.build(from, recipients(), List.of(), subject, text, attachments, date);
    }

    /**
     * The files to push back to the share's return directory: the text as {@code <run>-smime-report.txt}, then the
     * attachments.
     *
     * @param runId the run's id (file name prefix)
     * @return the files
     */
    public List<SyncReport.Attachment> files(String runId) {
        List<SyncReport.Attachment> files = new ArrayList<>();
        files.add(new SyncReport.Attachment(runId + "-smime-report.txt", text.getBytes(StandardCharsets.UTF_8)));
        files.addAll(attachments);
        return files;
    }

    /** The subject and sizes, never the text. */
    @Override
    public String toString() {
        return "SmimeReport[" + subject + ", " + attachments.size() + " attachments, adminAlert=" + adminAlert + "]";
    }

    /** Collects one run's certificate transactions. Not thread-safe. */
    public static final class Builder {

        private final String runId;
        private final List<String> created = new ArrayList<>();
        private final List<String> revoked = new ArrayList<>();
        private final List<String> overLimit = new ArrayList<>();
        private final List<IssuedCertificate> certificates = new ArrayList<>();
        private final List<SyncAction.IssueCertificate> instructions = new ArrayList<>();
        private String actionId;

        /**
         * A report for a run.
         *
         * @param runId the run's id (also the attachments' name prefix)
         */
        public Builder(String runId) {
            this.runId = Objects.requireNonNull(runId, "runId");
        }

        /**
         * Adds an applied plan: its created and revoked certificates, and its lines cut by the limit (in the plan,
         * or refused by the CA for the limit).
         *
         * @param execution the plan and its results
         * @return this builder
         */
        public Builder applied(Execution execution) {
            String file = execution.plan().file();
            execution.plan().options().actionId().ifPresent(id -> actionId = id);
            for (LineOutcome cut : execution.plan().overLimit()) {
                overLimit.add(where(file, cut.line()) + cut.text() + "  -- " + cut.note().orElse(""));
            }
            for (CertificateTransaction transaction : execution.certificates()) {
                if (transaction instanceof CertificateTransaction.Issued issued) {
                    certificates.add(issued.certificate());
                    created.add(describe(issued.certificate()) + "  (" + issued.reason().name()
                            .toLowerCase(Locale.ROOT) + "; " + place(file, issued.line()) + ")");
                } else if (transaction instanceof CertificateTransaction.Revoked done) {
                    revoked(place(file, done.line()), done);
                } else if (transaction instanceof CertificateTransaction.Refused refused
                        && refused.reason() == IssueRefusal.LIMIT_REACHED) {
                    overLimit.add(where(file, refused.line()) + refused.address() + "  -- " + refused.detail());
                }
            }
            return this;
        }

        /**
         * Adds a revocation made outside an import file (an admin on the certificate archive page).
         *
         * @param source where and by whom, as the report says it (for example "certificate archive, admin alice")
         * @param done   the revocation
         * @return this builder
         */
        public Builder revoked(String source, CertificateTransaction.Revoked done) {
            Objects.requireNonNull(source, "source");
            revoked.add(describe(done.certificate()) + "  revoked " + done.revocation().revokedAt() + " ("
                    + done.revocation().reason().name().toLowerCase(Locale.ROOT) + "; " + source + ")");
            return this;
        }

        /**
         * Adds certificates that semi-automatic mode did not create: they go into the instructions CSV.
         *
         * @param rows the certificates to create
         * @return this builder
         */
        public Builder deferred(List<SyncAction.IssueCertificate> rows) {
            instructions.addAll(rows);
            return this;
        }

        /**
         * Whether there is nothing to report.
         *
         * @return true if nothing was created, revoked, deferred or cut
         */
        public boolean isEmpty() {
            return created.isEmpty() && revoked.isEmpty() && overLimit.isEmpty() && instructions.isEmpty();
        }

        /**
         * The report.
         *
         * @param to     who gets it
         * @param admins the admin recipients
         * @return the report
         */
        public SmimeReport build(List<EmailAddress> to, List<EmailAddress> admins) {
            boolean alert = !overLimit.isEmpty();
            String summary = created.size() + " created, " + revoked.size() + " revoked"
                    + (instructions.isEmpty() ? "" : ", " + instructions.size() + " to create (semi-automatic)")
                    + (alert ? ", " + overLimit.size() + " not created: live-certificate limit reached" : "");
            StringBuilder text = new StringBuilder("Mailseal S/MIME transactional report\nRun ").append(runId)
                    .append(": ").append(summary).append("\n\n");
            section(text, "created", created);
            section(text, "revoked", revoked);
            List<SyncReport.Attachment> attachments = new ArrayList<>();
            if (!certificates.isEmpty()) {
                String zip = runId + "-certificates.zip";
                attachments.add(new SyncReport.Attachment(zip, zip(certificates)));
                text.append("The created certificates (public only) are in ").append(zip).append(".\n\n");
            }
            if (!instructions.isEmpty()) {
                String csv = runId + "-certificate-instructions.csv";
                attachments.add(new SyncReport.Attachment(csv, CertificateInstructions.write(instructions)));
                text.append("== to create (semi-automatic mode) ==\n").append(instructions.size())
                        .append(" certificate").append(instructions.size() == 1 ? " is" : "s are")
                        .append(" to create; nothing was created. Check ").append(csv)
                        .append(" and import it on the admin page to have it batch processed.\n\n");
            }
            if (alert) {
                section(text, "ALERT: not created, the live-certificate limit is reached", overLimit);
            }
            String subject = (actionId == null ? "" : actionId + " ") + (alert ? "ALERT " : "")
                    + "Mailseal S/MIME transactional report: " + summary;
            return new SmimeReport(subject, summary, text.toString(), attachments, to, admins, alert,
                    alert || !instructions.isEmpty());
        }

        private static void section(StringBuilder text, String title, List<String> lines) {
            text.append("== ").append(title).append(" ==\n");
            if (lines.isEmpty()) {
                text.append("none\n");
            }
            lines.forEach(line -> text.append(line).append('\n'));
            text.append('\n');
        }

        private static String where(String file, int line) {
            return place(file, line) + ": ";
        }

        private static String place(String file, int line) {
            return file + (line > 0 ? " line " + line : "");
        }

        private static String describe(IssuedCertificate certificate) {
            return "serial " + certificate.serialHex() + "  " + new X500Name(BCStyle.INSTANCE, X500Name.getInstance(
                    certificate.certificate().getSubjectX500Principal().getEncoded())) + "  <" + certificate.address()
                    + ">  valid " + certificate.notBefore() + " to " + certificate.notAfter();
        }

        /** The certificates as PEM entries {@code <address>-<serial>.pem}, with their issue times. */
        private static byte[] zip(List<IssuedCertificate> certificates) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                for (IssuedCertificate certificate : certificates) {
                    ZipEntry entry = new ZipEntry(certificate.address().value() + "-" + certificate.serialHex()
                            + ".pem");
                    entry.setTime(certificate.issuedAt().toEpochMilli());
                    zip.putNextEntry(entry);
                    zip.write(("-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                            .encodeToString(certificate.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    zip.closeEntry();
                }
            } catch (IOException | CertificateEncodingException e) {
                throw new IllegalStateException("cannot write the certificates' zip", e);
            }
            return bytes.toByteArray();
        }
    }
}
