package io.mailseal.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One entry of the audit log: who did what to what, and when.
 *
 * <p>Immutable and thread-safe. The time is kept to the millisecond (as every store keeps it). {@code subject} and
 * {@code detail} are free text and are cut to {@value #MAX_SUBJECT_LENGTH} and {@value #MAX_DETAIL_LENGTH}
 * characters, ending in "…" when cut; {@code actor} and {@code action} are identifiers and must fit. None of them
 * may contain a secret.
 *
 * @param at      when it happened; not null
 * @param actor   who did it: a user key, or {@code system} for jobs; not blank, at most {@value #MAX_ACTOR_LENGTH}
 * @param action  a stable code such as {@code settings.saved} or {@code upload.removed}; not blank, at most
 *                {@value #MAX_ACTION_LENGTH}
 * @param subject what it was done to (an address, a setting, an upload id); empty if nothing in particular
 * @param detail  more words for the reader; empty if none
 */
public record AuditEvent(Instant at, String actor, String action, String subject, String detail) {

    /** The longest actor. */
    public static final int MAX_ACTOR_LENGTH = 255;
    /** The longest action code. */
    public static final int MAX_ACTION_LENGTH = 100;
    /** The longest subject kept. */
    public static final int MAX_SUBJECT_LENGTH = 450;
    /** The longest detail kept. */
    public static final int MAX_DETAIL_LENGTH = 4000;

    /** Validates, truncates the time to milliseconds and cuts over-long free text. */
    public AuditEvent {
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MILLIS);
        required(actor, "actor", MAX_ACTOR_LENGTH);
        required(action, "action", MAX_ACTION_LENGTH);
        subject = cut(Objects.requireNonNull(subject, "subject"), MAX_SUBJECT_LENGTH);
        detail = cut(Objects.requireNonNull(detail, "detail"), MAX_DETAIL_LENGTH);
    }

    private static void required(String value, String name, int max) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
