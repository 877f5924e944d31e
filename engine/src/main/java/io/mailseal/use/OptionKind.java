package io.mailseal.use;

import java.util.Locale;
import java.util.Optional;

/** The options an {@code option:VALUE;KIND} line may set for the run that reads the file. */
public enum OptionKind {
    /** A ticket number or similar that prefixes the subjects of the run's report mails. */
    ACTION_ID("action-id"),
    /** An address that also gets the run's report. */
    ADD_MAIL_REPORT("addmailreport"),
    /** An address added to the admin recipients (e.g. of semi-automatic S/MIME requests). */
    ADD_MAIL_ADMIN("addmailadmin"),
    /** An address added as BCC. */
    ADD_MAIL_BCC("addmailbcc");

    private final String keyword;

    OptionKind(String keyword) {
        this.keyword = keyword;
    }

    /**
     * The option as the file writes it.
     *
     * @return e.g. {@code action-id}
     */
    public String keyword() {
        return keyword;
    }

    /**
     * Whether the option's value is an e-mail address.
     *
     * @return true for the three {@code addmail...} options
     */
    public boolean takesAddress() {
        return this != ACTION_ID;
    }

    /**
     * The option a keyword names, ignoring case.
     *
     * @param keyword e.g. {@code addmailbcc}
     * @return the option, or empty if none
     */
    public static Optional<OptionKind> find(String keyword) {
        String lower = keyword.toLowerCase(Locale.ROOT);
        for (OptionKind kind : values()) {
            if (kind.keyword.equals(lower)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
