package io.mailseal.settings;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A setting (or something built from settings, such as a key source) that is usable, or every problem that stops it,
 * each naming its field. Bad settings are expected input, so they are values, not exceptions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> what was checked
 */
public sealed interface Checked<T> {

    /**
     * The value, if usable.
     *
     * @return the value or empty
     */
    Optional<T> value();

    /**
     * The problems; empty if usable.
     *
     * @return every problem, each naming its field
     */
    List<Problem> problems();

    /**
     * The value, for callers whose settings are constants (tests, built-in defaults).
     *
     * @return the value
     * @throws IllegalArgumentException listing the problems if there are any
     */
    default T orElseThrow() {
        return value().orElseThrow(() -> new IllegalArgumentException(problems().toString()));
    }

    /**
     * Builds something from a usable value, or passes the problems on.
     *
     * @param builder what to build from the value
     * @param <R>     what it builds
     * @return the built value, or the same problems
     */
    default <R> Checked<R> map(Function<? super T, ? extends R> builder) {
        return value().<Checked<R>>map(v -> new Valid<>(builder.apply(v))).orElseGet(() -> new Invalid<>(problems()));
    }

    /**
     * A single problem.
     *
     * @param field   the setting, e.g. {@code pgp.keyServer.url}
     * @param message what is wrong, in plain words; never a secret
     * @param <T>     the type the value would have had
     * @return the invalid result
     */
    static <T> Checked<T> invalid(String field, String message) {
        return new Invalid<>(List.of(new Problem(field, message)));
    }

    /**
     * One problem with one setting.
     *
     * @param field   the setting's name (e.g. {@code searchFilter}, or with its place, {@code smime.externalLdap.port})
     * @param message what is wrong, in plain words; never a secret
     */
    record Problem(String field, String message) {

        /** Validates the problem. */
        public Problem {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }

        /**
         * The same problem with the field's name prefixed.
         *
         * @param prefix e.g. {@code smime.externalLdap.}
         * @return the problem
         */
        public Problem prefixed(String prefix) {
            return new Problem(prefix + field, message);
        }

        /** {@code field: message}. */
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    /**
     * Usable.
     *
     * @param get the value
     * @param <T> its type
     */
    record Valid<T>(T get) implements Checked<T> {

        /** Validates. */
        public Valid {
            Objects.requireNonNull(get, "get");
        }

        @Override
        public Optional<T> value() {
            return Optional.of(get);
        }

        @Override
        public List<Problem> problems() {
            return List.of();
        }
    }

    /**
     * Not usable.
     *
     * @param problems at least one problem
     * @param <T>      the type the value would have had
     */
    record Invalid<T>(List<Problem> problems) implements Checked<T> {

        /** Validates and copies. */
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid result needs a problem");
            }
        }

        @Override
        public Optional<T> value() {
            return Optional.empty();
        }
    }
}
