package io.mailseal.use;

import io.mailseal.keys.EmailAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The options a {@code .useimport} file sets for its run, each the last one the file gives (the spec's "last-catch
 * principle").
 *
 * <p>Immutable and thread-safe.
 *
 * @param actionId      prefixes the subjects of the run's report mails; empty: no prefix
 * @param addMailReport also gets the report; empty: only the configured report addresses
 * @param addMailAdmin  added to the admin recipients; empty: only the configured ones
 * @param addMailBcc    added as BCC; empty: none
 */
public record RunOptions(Optional<String> actionId, Optional<EmailAddress> addMailReport,
                         Optional<EmailAddress> addMailAdmin, Optional<EmailAddress> addMailBcc) {

    /** No options. */
    public static final RunOptions NONE = new RunOptions(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    /** Validates. */
    public RunOptions {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(addMailReport, "addMailReport");
        Objects.requireNonNull(addMailAdmin, "addMailAdmin");
        Objects.requireNonNull(addMailBcc, "addMailBcc");
    }
}
