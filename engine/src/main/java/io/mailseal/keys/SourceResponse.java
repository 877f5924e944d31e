package io.mailseal.keys;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one key source answered for one address: the keys it accepts (best first), the keys it found but rejects,
 * and whether it could be asked at all.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source   which source answered; not null
 * @param type     which kind of key was asked for; not null
 * @param status   the outcome; not null
 * @param accepted usable keys, best first; empty unless the status is {@link Status#OK}
 * @param rejected keys found but not usable, each with its reason
 * @param message  for {@link Status#ERROR}, what went wrong and where (file, line, host); for
 *                 {@link Status#DISABLED}, possibly why; for other answers, possibly a note the admin should see
 *                 (for example a referral that was not followed); empty if none; never a secret
 * @param duration how long the source took
 */
public record SourceResponse(SourceName source, KeyType type, Status status, List<RecipientKey> accepted,
                             List<Rejection> rejected, String message, Duration duration) {

    /** The outcome of asking a source. */
    public enum Status {
        /** At least one usable key was found. */
        OK,
        /** The source answered and has no usable key (possibly rejected ones). */
        NOT_FOUND,
        /** The source could not be asked or gave an answer that makes no sense; see the message. */
        ERROR,
        /** The admin has not configured or has switched off this source. */
        DISABLED
    }

    /** Validates and copies the lists. */
    public SourceResponse {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(duration, "duration");
        if ((status == Status.OK) == accepted.isEmpty()) {
            throw new IllegalArgumentException("status " + status + " with " + accepted.size() + " accepted keys");
        }
    }

    /**
     * The answer of a source that was asked and answered: OK if any key is accepted, NOT_FOUND otherwise.
     *
     * @param source   the source
     * @param type     the key type
     * @param accepted usable keys, best first
     * @param rejected rejected keys
     * @param duration how long it took
     * @return the response
     */
    public static SourceResponse answered(SourceName source, KeyType type, List<RecipientKey> accepted,
                                          List<Rejection> rejected, Duration duration) {
        return new SourceResponse(source, type, accepted.isEmpty() ? Status.NOT_FOUND : Status.OK, accepted,
                rejected, "", duration);
    }

    /**
     * The answer of a source that failed.
     *
     * @param source   the source
     * @param type     the key type
     * @param message  what went wrong and where; never a secret
     * @param duration how long it took before failing
     * @return the response
     */
    public static SourceResponse error(SourceName source, KeyType type, String message, Duration duration) {
        return new SourceResponse(source, type, Status.ERROR, List.of(), List.of(), message, duration);
    }

    /**
     * The answer of a source that is not configured or is switched off.
     *
     * @param source the source
     * @param type   the key type
     * @return the response
     */
    public static SourceResponse disabled(SourceName source, KeyType type) {
        return disabled(source, type, "");
    }

    /**
     * The answer of a source that is switched on but cannot be used here, with the reason (for example the user
     * directory outside Confluence).
     *
     * @param source the source
     * @param type   the key type
     * @param reason why it cannot be used
     * @return the response
     */
    public static SourceResponse disabled(SourceName source, KeyType type, String reason) {
        return new SourceResponse(source, type, Status.DISABLED, List.of(), List.of(), reason, Duration.ZERO);
    }
}
