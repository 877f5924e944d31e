package io.mailseal.outbound;

import java.util.List;
import java.util.Objects;

/**
 * What processing one message gave.
 *
 * <p>Immutable values.
 */
public sealed interface Outcome {

    /**
     * Every recipient was handled by policy.
     *
     * @param deliveries the messages to send (and withheld groups), in envelope order of their first recipient
     */
    record Processed(List<Delivery> deliveries) implements Outcome {

        /** Copies. */
        public Processed {
            deliveries = List.copyOf(deliveries);
        }
    }

    /**
     * Nothing may be sent now; try the whole message again later (SMTP 451): a key source failed, or an encrypted
     * delivery could not be built.
     *
     * @param reason why
     */
    record Retry(String reason) implements Outcome {

        /** Validates. */
        public Retry {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The bytes are not a message that can be processed; nothing is sent (SMTP 554).
     *
     * @param reason what is wrong, naming the line where possible
     */
    record Invalid(String reason) implements Outcome {

        /** Validates. */
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
