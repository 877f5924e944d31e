package io.mailseal.rules;

import io.mailseal.rules.RuleOption.Kind;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which options of one rule cannot be combined, and why. Derived from the USE rule notation: {@code untouched}
 * passes the mail through without crypto processing, so nothing that changes the mail goes with it; {@code ss} and
 * {@code fs} are two strengths of signing, {@code se}, {@code me} and {@code fe} three strengths of encryption;
 * {@code pgp} and {@code smime} each restrict the method to the other's exclusion; {@code swm}, {@code pdf} and
 * {@code zip} are alternative ways to deliver the content, with no order between them in the notation.
 * {@code notify} and {@code comment} go with anything.
 *
 * <p>Stateless and thread-safe.
 */
final class OptionConflicts {

    private static final Set<Kind> CHANGES_THE_MAIL = EnumSet.of(Kind.SS, Kind.SE, Kind.FS, Kind.FE, Kind.ME,
            Kind.SWM, Kind.ATK, Kind.PDF, Kind.ZIP, Kind.PGP, Kind.SMIME);
    private static final Set<Kind> SIGNING = EnumSet.of(Kind.SS, Kind.FS);
    private static final Set<Kind> ENCRYPTION = EnumSet.of(Kind.SE, Kind.ME, Kind.FE);
    private static final Set<Kind> METHOD = EnumSet.of(Kind.PGP, Kind.SMIME);
    private static final Set<Kind> DELIVERY = EnumSet.of(Kind.SWM, Kind.PDF, Kind.ZIP);

    private OptionConflicts() {
    }

    /**
     * Why two options cannot be in one rule.
     *
     * @param earlier the option that comes first
     * @param later   the option that comes after it
     * @return the reason, naming both, or null if they go together
     */
    static String conflict(Kind earlier, Kind later) {
        if (earlier == Kind.UNTOUCHED && CHANGES_THE_MAIL.contains(later)
                || later == Kind.UNTOUCHED && CHANGES_THE_MAIL.contains(earlier)) {
            Kind other = earlier == Kind.UNTOUCHED ? later : earlier;
            return "untouched sends the mail as it is, so it cannot go with " + other.keyword();
        }
        if (SIGNING.contains(earlier) && SIGNING.contains(later)) {
            return pair(earlier, later) + " both ask for a signature; keep one (fs: must sign, ss: sign when possible)";
        }
        if (ENCRYPTION.contains(earlier) && ENCRYPTION.contains(later)) {
            return pair(earlier, later) + " are different demands for encryption; keep one (se: when possible,"
                    + " me: withhold from recipients without key, fe: withhold from all if one lacks a key)";
        }
        if (METHOD.contains(earlier) && METHOD.contains(later)) {
            return pair(earlier, later) + " each allow only their own method; keep one, or neither to allow both";
        }
        if (DELIVERY.contains(earlier) && DELIVERY.contains(later)) {
            return pair(earlier, later) + " are alternative ways to deliver the content; keep one";
        }
        return null;
    }

    private static String pair(Kind earlier, Kind later) {
        return earlier.keyword() + " and " + later.keyword();
    }
}
