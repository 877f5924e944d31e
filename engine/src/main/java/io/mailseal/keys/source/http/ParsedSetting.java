package io.mailseal.keys.source.http;

import java.util.Objects;
import java.util.Optional;

/**
 * What checking one setting (a URL typed by the admin) gave: the usable value, or the problem with it and the name of
 * the setting, so the admin screen and the command line can point at the field.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the value made from the setting
 */
public sealed interface ParsedSetting<T> permits ParsedSetting.Valid, ParsedSetting.Invalid {

    /**
     * The value, if the setting is usable.
     *
     * @return the value, or empty
     */
    Optional<T> value();

    /**
     * The problem as one line, if the setting is not usable.
     *
     * @return "&lt;field&gt;: &lt;problem&gt;", or empty
     */
    Optional<String> problem();

    /**
     * A usable setting.
     *
     * @param get the value; not null
     * @param <T> its type
     */
    record Valid<T>(T get) implements ParsedSetting<T> {

        /** Validates the value. */
        public Valid {
            Objects.requireNonNull(get, "get");
        }

        @Override
        public Optional<T> value() {
            return Optional.of(get);
        }

        @Override
        public Optional<String> problem() {
            return Optional.empty();
        }
    }

    /**
     * A setting that cannot be used.
     *
     * @param field   the setting's name, e.g. {@code pgp.keyServer.url}
     * @param message what is wrong, in plain words; never repeats a password from the value
     * @param <T>     the type the value would have had
     */
    record Invalid<T>(String field, String message) implements ParsedSetting<T> {

        /** Validates the problem. */
        public Invalid {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public Optional<T> value() {
            return Optional.empty();
        }

        @Override
        public Optional<String> problem() {
            return Optional.of(field + ": " + message);
        }
    }
}
