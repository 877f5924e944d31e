package io.mailseal.use.sftp;

import java.util.Objects;

/**
 * What an operation on the share gave: the value, or why it failed.
 *
 * <p>Immutable values.
 *
 * @param <T> the value's type
 */
public sealed interface ShareResult<T> {

    /**
     * It worked.
     *
     * @param value the value
     * @param <T>   its type
     */
    record Done<T>(T value) implements ShareResult<T> {
    }

    /**
     * It did not work.
     *
     * @param reason    what went wrong, naming the host, directory or file; never a secret
     * @param retryable whether trying again later may work (a network failure) rather than needing the admin (a
     *                  changed host key, a refused login, a file too large)
     * @param <T>       the value's type
     */
    record Failed<T>(String reason, boolean retryable) implements ShareResult<T> {

        /** Validates. */
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
