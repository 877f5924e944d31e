package io.mailseal.rules;

import io.mailseal.keys.EmailAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The "from" or the "to" of a rule: everyone ({@code *}), one address, a domain, or a USE group
 * ({@code group:NAME}).
 *
 * <p>Implementations are immutable values.
 */
public sealed interface Endpoint permits Endpoint.Anyone, Endpoint.Address, Endpoint.Domain, Endpoint.Group {

    /**
     * Whether an address is covered.
     *
     * @param address  the sender or recipient
     * @param groupsOf the names of the groups an address belongs to; asked only for {@link Group}
     * @return true if covered
     */
    boolean matches(EmailAddress address, Function<EmailAddress, ? extends Set<String>> groupsOf);

    /**
     * The endpoint as the rule file writes it: {@code *}, the address, the domain, or {@code group:NAME}.
     *
     * @return the text
     */
    String render();

    /**
     * A key that is equal for endpoints that cover the same addresses (case ignored), for finding duplicate rules.
     *
     * @return the key
     */
    default String canonical() {
        return render().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads an endpoint: {@code *}, {@code group:NAME}, an e-mail address (it has an {@code @}) or a domain.
     *
     * @param text the field, without blanks around it
     * @return the endpoint, or empty if the text is none of these
     */
    static Optional<Endpoint> find(String text) {
        if (text.equals("*")) {
            return Optional.of(Anyone.INSTANCE);
        }
        int colon = text.indexOf(':');
        if (colon >= 0) {
            if (!text.substring(0, colon).strip().equalsIgnoreCase("group")) {
                return Optional.empty();
            }
            String name = text.substring(colon + 1).strip();
            return Group.problem(name) == null ? Optional.of(new Group(name)) : Optional.empty();
        }
        return GroupMember.find(text).map(Endpoint.class::cast);
    }

    /** Every sender or recipient: {@code *}. */
    enum Anyone implements Endpoint {
        /** The one instance. */
        INSTANCE;

        @Override
        public boolean matches(EmailAddress address, Function<EmailAddress, ? extends Set<String>> groupsOf) {
            return true;
        }

        @Override
        public String render() {
            return "*";
        }
    }

    /**
     * One address; matching ignores case.
     *
     * @param address the address
     */
    record Address(EmailAddress address) implements Endpoint, GroupMember {

        /** Validates. */
        public Address {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public boolean matches(EmailAddress other, Function<EmailAddress, ? extends Set<String>> groupsOf) {
            return matches(other);
        }

        @Override
        public boolean matches(EmailAddress other) {
            return address.matches(other);
        }

        @Override
        public String render() {
            return address.value();
        }
    }

    /**
     * Every address whose domain is exactly this one (subdomains are not included: {@code example.com} does not
     * cover {@code alice@mail.example.com}).
     *
     * @param name the domain, lower-cased, e.g. {@code example.com}: labels of letters, digits and hyphens (not at
     *             either end of a label), at least two labels, at most 253 characters
     */
    record Domain(String name) implements Endpoint, GroupMember {

        /** Validates and lower-cases the name. */
        public Domain {
            Objects.requireNonNull(name, "name");
            String problem = problem(name);
            if (problem != null) {
                throw new IllegalArgumentException("not a domain: " + name + " (" + problem + ")");
            }
            name = name.toLowerCase(Locale.ROOT);
        }

        /**
         * Reads a domain.
         *
         * @param text the text
         * @return the domain, or empty if the text is not one
         */
        public static Optional<Domain> find(String text) {
            return text != null && problem(text) == null ? Optional.of(new Domain(text)) : Optional.empty();
        }

        @Override
        public boolean matches(EmailAddress address, Function<EmailAddress, ? extends Set<String>> groupsOf) {
            return matches(address);
        }

        @Override
        public boolean matches(EmailAddress address) {
            return address.domain().equals(name);
        }

        @Override
        public String render() {
            return name;
        }

        private static String problem(String name) {
            if (name.isEmpty() || name.length() > 253) {
                return "empty or longer than 253 characters";
            }
            int labels = 0;
            int start = 0;
            while (start <= name.length()) {
                int dot = name.indexOf('.', start);
                int end = dot < 0 ? name.length() : dot;
                if (end == start || end - start > 63) {
                    return "empty label or label longer than 63 characters";
                }
                if (name.charAt(start) == '-' || name.charAt(end - 1) == '-') {
                    return "a label starts or ends with '-'";
                }
                for (int i = start; i < end; i++) {
                    char c = name.charAt(i);
                    if (c != '-' && !Character.isLetterOrDigit(c)) {
                        return "character '" + c + "' not allowed";
                    }
                }
                labels++;
                if (dot < 0) {
                    break;
                }
                start = dot + 1;
            }
            return labels < 2 ? "a domain has at least two labels, e.g. example.com" : null;
        }
    }

    /**
     * Every member of a USE group. Group names are compared ignoring case.
     *
     * @param name the group's name as written: not empty, at most 255 characters, no {@code :}, {@code ;}, control
     *             characters or blanks at either end
     */
    record Group(String name) implements Endpoint {

        /** Validates. */
        public Group {
            Objects.requireNonNull(name, "name");
            String problem = problem(name);
            if (problem != null) {
                throw new IllegalArgumentException("not a group name: " + problem);
            }
        }

        /**
         * Whether a text is a usable group name.
         *
         * @param name the text
         * @return empty if it is, else what is wrong with it
         */
        public static Optional<String> check(String name) {
            return Optional.ofNullable(problem(name));
        }

        @Override
        public boolean matches(EmailAddress address, Function<EmailAddress, ? extends Set<String>> groupsOf) {
            Set<String> groups = groupsOf.apply(address);
            if (groups == null || groups.isEmpty()) {
                return false;
            }
            for (String group : groups) {
                if (group.equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String render() {
            return "group:" + name;
        }

        static String problem(String name) {
            if (name.isEmpty()) {
                return "the group name is empty";
            }
            if (name.length() > 255) {
                return "the group name is longer than 255 characters";
            }
            if (!name.equals(name.strip())) {
                return "the group name starts or ends with a blank";
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    return "the group name contains a control character";
                }
                if (c == ':' || c == ';') {
                    return "the group name contains '" + c + "'";
                }
            }
            return null;
        }
    }
}
