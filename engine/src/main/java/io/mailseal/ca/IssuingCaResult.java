package io.mailseal.ca;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of reading an uploaded issuing CA: the CA, or every problem found, each in plain words.
 *
 * <p>Immutable values, thread-safe.
 */
public sealed interface IssuingCaResult {

    /**
     * The CA is usable.
     *
     * @param ca the issuing CA; not null
     */
    record Loaded(IssuingCa ca) implements IssuingCaResult {

        /** Validates the value. */
        public Loaded {
            Objects.requireNonNull(ca, "ca");
        }
    }

    /**
     * The upload cannot be used.
     *
     * @param findings every problem found; at least one
     */
    record Rejected(List<Finding> findings) implements IssuingCaResult {

        /** Validates and copies the findings. */
        public Rejected {
            findings = List.copyOf(findings);
            if (findings.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one finding");
            }
        }

        /**
         * The problems alone.
         *
         * @return the problems, in the order found
         */
        public List<IssuingCaProblem> problems() {
            return findings.stream().map(Finding::problem).toList();
        }

        /**
         * All details as one message for the admin screen.
         *
         * @return the details joined with "; "
         */
        public String message() {
            return findings.stream().map(Finding::detail).collect(Collectors.joining("; "));
        }
    }

    /**
     * One problem.
     *
     * @param problem what is wrong; not null
     * @param detail  a sentence naming the certificate (subject) or the entry, never the password; not null
     */
    record Finding(IssuingCaProblem problem, String detail) {

        /** Validates the values. */
        public Finding {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
