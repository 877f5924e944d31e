package io.mailseal.use.sync;

import io.mailseal.imports.ImportProblem;
import io.mailseal.imports.SecretDisplay;
import io.mailseal.keys.EmailAddress;
import io.mailseal.rules.RuleSet;
import io.mailseal.use.RunOptions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The report of one sync run (the spec's "Sync report"): every input line echoed with its prefix ({@code (%)}
 * nothing to do, {@code (+)} created, {@code (-)} deleted, {@code (!)} failed), file by file; the live rule set as
 * it is after the run when a {@code .ruleimport} came; the files that are still incomplete or were invalid (every
 * problem with its line); then every error. The subject starts with the run's {@code action-id}.
 *
 * <p>The import files go with it as attachments, with passphrases and rule passwords masked (a report is read by
 * more people than the share). Immutable and thread-safe; never holds a secret.
 *
 * @param subject     the mail subject
 * @param summary     one line: files, created, deleted, errors
 * @param text        the report, lines ending {@code \n}
 * @param attachments the import files, masked
 * @param recipients  who gets it
 */
public record SyncReport(String subject, String summary, String text, List<Attachment> attachments, Recipients recipients) {

    /** Validates and copies. */
    public SyncReport {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(text, "text");
        attachments = List.copyOf(attachments);
        Objects.requireNonNull(recipients, "recipients");
    }

    /**
     * A file that goes with the report.
     *
     * @param name    the file name
     * @param content its bytes (secrets masked)
     */
    public record Attachment(String name, byte[] content) {

        /** Validates and copies. */
        public Attachment {
            Objects.requireNonNull(name, "name");
            content = Objects.requireNonNull(content, "content").clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Attachment that && name.equals(that.name) && Arrays.equals(content, that.content);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, Arrays.hashCode(content));
        }

        @Override
        public String toString() {
            return "Attachment[" + name + ", " + content.length + " bytes]";
        }
    }

    /**
     * Who gets the report: the configured addresses plus the run's {@code addmail...} options.
     *
     * @param report the report's recipients (configured, then {@code addmailreport})
     * @param admin  the admin recipients (configured, then {@code addmailadmin}), for S/MIME mails to come
     * @param bcc    blind copies ({@code addmailbcc})
     */
    public record Recipients(List<EmailAddress> report, List<EmailAddress> admin, List<EmailAddress> bcc) {

        /** Copies. */
        public Recipients {
            report = List.copyOf(report);
            admin = List.copyOf(admin);
            bcc = List.copyOf(bcc);
        }
    }

    /**
     * The report as a mail: a {@code multipart/mixed} message with the text and the attachments, ready for the mail
     * path (RFC 5322 bytes, CRLF line ends).
     *
     * @param from the sender
     * @param date the Date header
     * @return the message's bytes
     * @throws IllegalStateException if JavaMail cannot build it (a programming error)
     */
    public byte[] toMime(EmailAddress from, Instant date) {
        return ReportMail.build(from, recipients.report(), recipients.bcc(), subject, text, attachments, date);
    }

    /** The subject and sizes, never the text. */
    @Override
    public String toString() {
        return "SyncReport[" + subject + ", " + text.length() + " chars, " + attachments.size() + " attachments]";
    }

    /**
     * Collects one run's report. Not thread-safe.
     */
    public static final class Builder {

        private static final Pattern PASSPHRASE_LINE = Pattern.compile("(?i).*smimeimport.*");
        private static final Pattern RULE_PASSWORD = Pattern.compile("(?i)\\b(swm|pdf|zip)(\\s*:\\s*)[^;\\r\\n]*");

        private final String runId;
        private final StringBuilder sections = new StringBuilder();
        private final List<String> errors = new ArrayList<>();
        private final List<Attachment> attachments = new ArrayList<>();
        private RunOptions options = RunOptions.NONE;
        private String liveRules;
        private int created;
        private int deleted;
        private int files;

        /**
         * A report for a run.
         *
         * @param runId the run's id
         */
        public Builder(String runId) {
            this.runId = Objects.requireNonNull(runId, "runId");
        }

        /**
         * Adds an applied input: its lines as they turned out, and its failures as errors.
         *
         * @param execution the plan and its results
         * @return this builder
         */
        public Builder applied(Execution execution) {
            files++;
            SyncPlan plan = execution.plan();
            sections.append("== ").append(plan.file()).append(" ==\n");
            for (LineOutcome outcome : execution.outcomes()) {
                sections.append(outcome.render()).append('\n');
                if (outcome.prefix() == LinePrefix.CREATE) {
                    created++;
                } else if (outcome.prefix() == LinePrefix.DELETE) {
                    deleted++;
                } else if (outcome.prefix() == LinePrefix.FAILED && execution.failures().stream()
                        .noneMatch(failure -> failure.action().line() == outcome.line() && outcome.line() > 0)) {
                    errors.add(plan.file() + (outcome.line() > 0 ? " line " + outcome.line() : "") + ": "
                            + outcome.note().orElse("failed"));
                }
            }
            for (ActionResult failure : execution.failures()) {
                errors.add(plan.file() + (failure.action().line() > 0 ? " line " + failure.action().line() : "")
                        + ": " + failure.detail());
            }
            sections.append('\n');
            mergeOptions(plan.options());
            return this;
        }

        /**
         * Notes the live rule set after the run (a {@code .ruleimport} came).
         *
         * @param rules the live rules
         * @return this builder
         */
        public Builder liveRules(RuleSet rules) {
            liveRules = rules.render(SecretDisplay.MASK);
            return this;
        }

        /**
         * Adds an invalid import file: every problem; nothing of it was applied.
         *
         * @param file         the file
         * @param problems     the problems kept
         * @param problemCount how many there were
         * @return this builder
         */
        public Builder invalid(String file, List<ImportProblem> problems, int problemCount) {
            files++;
            sections.append("== ").append(file).append(" ==\n")
                    .append("not valid, nothing of it was applied: ").append(problemCount).append(" problem")
                    .append(problemCount == 1 ? "" : "s").append('\n');
            for (ImportProblem problem : problems) {
                String where = problem.line() + problem.column().stream().mapToObj(c -> ":" + c).findFirst().orElse("");
                sections.append("line ").append(where).append(": ").append(problem.message()).append('\n');
                errors.add(file + " line " + problem.line() + ": " + problem.message());
            }
            if (problemCount > problems.size()) {
                sections.append("... and ").append(problemCount - problems.size()).append(" more\n");
            }
            sections.append('\n');
            return this;
        }

        /**
         * Adds a file that has stayed incomplete (no termination line) for too many cycles.
         *
         * @param file   the file
         * @param cycles for how many cycles
         * @return this builder
         */
        public Builder incomplete(String file, int cycles) {
            errors.add(file + ": still incomplete after " + cycles + " cycles (the termination line ##### is"
                    + " missing); not applied");
            return this;
        }

        /**
         * Adds an error of the run itself (the share, a store).
         *
         * @param error what went wrong, never a secret
         * @return this builder
         */
        public Builder error(String error) {
            errors.add(Objects.requireNonNull(error, "error"));
            return this;
        }

        /**
         * Attaches an import file, masking passphrase lines and rule passwords.
         *
         * @param name    the file's name
         * @param content its bytes
         * @return this builder
         */
        public Builder attach(String name, byte[] content) {
            String text = new String(content, StandardCharsets.UTF_8);
            StringBuilder masked = new StringBuilder(text.length());
            for (String line : text.split("(?<=\n)", -1)) {
                String end = line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "";
                String body = line.substring(0, line.length() - end.length());
                if (PASSPHRASE_LINE.matcher(body).matches()) {
                    body = "passphrase:********;smimeimport";
                } else if (name.toLowerCase(Locale.ROOT).endsWith(".ruleimport")) {
                    body = RULE_PASSWORD.matcher(body).replaceAll("$1$2********");
                }
                masked.append(body).append(end);
            }
            attachments.add(new Attachment(name, masked.toString().getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        /**
         * Whether anything was reported.
         *
         * @return false if no file was read and no error happened
         */
        public boolean isEmpty() {
            return files == 0 && errors.isEmpty();
        }

        /**
         * How many errors there are.
         *
         * @return the count
         */
        public int errorCount() {
            return errors.size();
        }

        /**
         * The report.
         *
         * @param reportTo the configured report addresses
         * @param adminTo  the configured admin addresses
         * @return the report
         */
        public SyncReport build(List<EmailAddress> reportTo, List<EmailAddress> adminTo) {
            String summary = files + " file" + (files == 1 ? "" : "s") + ", " + created + " created, " + deleted
                    + " deleted, " + errors.size() + " error" + (errors.size() == 1 ? "" : "s");
            StringBuilder text = new StringBuilder("Mailseal USE sync report\nRun ").append(runId).append(": ")
                    .append(summary).append("\n\n").append(sections);
            if (liveRules != null) {
                text.append("== live rule set ==\n").append(liveRules).append('\n');
            }
            text.append("== errors ==\n");
            if (errors.isEmpty()) {
                text.append("none\n");
            }
            errors.forEach(error -> text.append(error).append('\n'));
            String subject = options.actionId().map(id -> id + " ").orElse("") + "Mailseal USE sync report: "
                    + summary;
            return new SyncReport(subject, summary, text.toString(), attachments, new Recipients(
                    plus(reportTo, options.addMailReport()), plus(adminTo, options.addMailAdmin()),
                    options.addMailBcc().map(List::of).orElse(List.of())));
        }

        private void mergeOptions(RunOptions more) {
            options = new RunOptions(more.actionId().or(options::actionId),
                    more.addMailReport().or(options::addMailReport), more.addMailAdmin().or(options::addMailAdmin),
                    more.addMailBcc().or(options::addMailBcc));
        }

        private static List<EmailAddress> plus(List<EmailAddress> configured, Optional<EmailAddress> added) {
            Set<String> seen = new LinkedHashSet<>();
            List<EmailAddress> all = new ArrayList<>();
            for (EmailAddress address : configured) {
                if (seen.add(address.canonical())) {
                    all.add(address);
                }
            }
            added.filter(address -> seen.add(address.canonical())).ifPresent(all::add);
            return List.copyOf(all);
        }
    }
}
