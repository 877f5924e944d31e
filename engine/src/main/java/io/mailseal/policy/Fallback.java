package io.mailseal.policy;

/**
 * What happens to a recipient who has no usable key. Setting {@code encryption.fallback}.
 */
public enum Fallback {
    /** The message goes out unencrypted (availability over confidentiality). */
    SEND_UNENCRYPTED,
    /**
     * Instead of the message, the recipient gets a short plain notice with none of the original's content: that a
     * message could not be delivered encrypted, why, and how to fix it. The default.
     */
    PROBLEM_REPORT,
    /** The message is withheld; the decision is logged and audited. */
    DO_NOT_SEND
}
