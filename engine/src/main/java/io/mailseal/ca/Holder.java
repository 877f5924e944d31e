package io.mailseal.ca;

import java.util.Objects;

/**
 * Whom a certificate names: a person (given name and surname, as the USE import file transmits them separately) or a
 * team mailbox (a team name, {@code teamcert:1}).
 *
 * <p>Immutable values, thread-safe.
 */
public sealed interface Holder {

    /** The longest common name X.509 allows (RFC 5280 {@code ub-common-name}). */
    int MAX_NAME_LENGTH = 64;

    /**
     * The common name the certificate's subject carries.
     *
     * @return the name; never blank
     */
    String commonName();

    /**
     * Whether this is a team certificate.
     *
     * @return true for {@link Team}
     */
    default boolean team() {
        return this instanceof Team;
    }

    /**
     * A person's certificate: subject {@code CN=<given> <surname>, givenName=<given>, surname=<surname>}.
     *
     * @param givenName the given name, e.g. "John"; not null (checked for length and characters by the CA)
     * @param surname   the surname, e.g. "Doe"; not null
     */
    record Person(String givenName, String surname) implements Holder {

        /** Validates the values and strips surrounding blanks. */
        public Person {
            givenName = Objects.requireNonNull(givenName, "givenName").strip();
            surname = Objects.requireNonNull(surname, "surname").strip();
        }

        @Override
        public String commonName() {
            return (givenName + " " + surname).strip();
        }
    }

    /**
     * A team mailbox's certificate: subject {@code CN=<team name>} and the Mailseal team policy (see
     * {@code docs/adr/0009}).
     *
     * @param name the team's name, e.g. "Payroll Team"; not null
     */
    record Team(String name) implements Holder {

        /** Validates the value and strips surrounding blanks. */
        public Team {
            name = Objects.requireNonNull(name, "name").strip();
        }

        @Override
        public String commonName() {
            return name;
        }
    }
}
