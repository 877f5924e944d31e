package io.mailseal.use;

import io.mailseal.imports.SecretDisplay;
import io.mailseal.keys.EmailAddress;
import io.mailseal.rules.Endpoint;
import io.mailseal.rules.GroupMember;
import io.mailseal.settings.Secret;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of a valid {@code .useimport} file, as the model the reconciler works on. Each kind knows its line number
 * (for the report, which echoes every line) and renders back to the file's format.
 *
 * <p>Implementations are immutable values; a passphrase never shows in {@code toString()}.
 */
public sealed interface UseLine permits UseLine.SmimeState, UseLine.PgpState, UseLine.Passphrase,
        UseLine.GroupEntry, UseLine.Option {

    /**
     * Where the line is in its file.
     *
     * @return the line number, from 1
     */
    int line();

    /**
     * The line in the file's format (canonical: lower-case identifiers, no blanks after {@code :} and {@code ;}).
     * Reading it back gives an equal line.
     *
     * @param display whether a passphrase shows or is masked
     * @return the line, without line end
     */
    String render(SecretDisplay display);

    /**
     * {@code smime-state}: whether an address should have an S/MIME certificate.
     *
     * @param line            the line number
     * @param address         the certificate's address
     * @param keyWanted       {@code keystate:1} (have a certificate: create one if there is none) or {@code 0} (revoke
     *                        every valid one)
     * @param name            the certificate's name ({@code name:}); present when a key is wanted
     * @param teamCertificate {@code teamcert:1} (team) or {@code 0} (personal); present when a key is wanted
     * @param givenName       {@code givenname:}, for personal certificates; present exactly when surname is
     * @param surname         {@code surname:}, for personal certificates
     */
    record SmimeState(int line, EmailAddress address, boolean keyWanted, Optional<String> name,
                      Optional<Boolean> teamCertificate, Optional<String> givenName, Optional<String> surname)
            implements UseLine {

        /** Validates. */
        public SmimeState {
            Lines.checkLine(line);
            Objects.requireNonNull(address, "address");
            Lines.checkText("name", name);
            Objects.requireNonNull(teamCertificate, "teamCertificate");
            Lines.checkText("givenName", givenName);
            Lines.checkText("surname", surname);
            if (keyWanted && (name.isEmpty() || teamCertificate.isEmpty())) {
                throw new IllegalArgumentException("keystate 1 needs name and teamcert");
            }
            if (givenName.isPresent() != surname.isPresent()) {
                throw new IllegalArgumentException("given name and surname come together");
            }
            if (givenName.isPresent() && teamCertificate.orElse(false)) {
                throw new IllegalArgumentException("given name and surname are for personal certificates");
            }
        }

        @Override
        public String render(SecretDisplay display) {
            StringBuilder text = new StringBuilder("smime-state:").append(address.value());
            name.ifPresent(value -> text.append(";name:").append(value));
            givenName.ifPresent(value -> text.append(";givenname:").append(value));
            surname.ifPresent(value -> text.append(";surname:").append(value));
            teamCertificate.ifPresent(team -> text.append(";teamcert:").append(team ? 1 : 0));
            return text.append(";keystate:").append(keyWanted ? 1 : 0).toString();
        }
    }

    /**
     * {@code pgp-state}: whether an address should have a PGP key, and what kind. Empty optional values take the
     * admin's defaults when the key is made (the spec's defaults: 4096 bits, one year; RSA).
     *
     * @param line          the line number
     * @param address       the key's address
     * @param keyWanted     {@code keystate:1} (have a key: create one if there is no valid managed key) or {@code 0}
     *                      (delete every managed key)
     * @param name          the user ID's name; present when a key is wanted
     * @param keyLength     1024, 2048 or 4096 ({@code keylength:}); never with {@link PgpKeyType#ED25519}, never 4096
     *                      with {@link PgpKeyType#DSA}
     * @param comment       the user ID's comment ({@code comment:})
     * @param keyType       {@code keytype:}
     * @param validityYears 1 to 10 ({@code validity:Ny}, or the synonym {@code validitytime:Ny})
     */
    record PgpState(int line, EmailAddress address, boolean keyWanted, Optional<String> name, OptionalInt keyLength,
                    Optional<String> comment, Optional<PgpKeyType> keyType, OptionalInt validityYears)
            implements UseLine {

        /** Validates. */
        public PgpState {
            Lines.checkLine(line);
            Objects.requireNonNull(address, "address");
            Lines.checkText("name", name);
            Objects.requireNonNull(keyLength, "keyLength");
            Lines.checkText("comment", comment);
            Objects.requireNonNull(keyType, "keyType");
            Objects.requireNonNull(validityYears, "validityYears");
            if (keyWanted && name.isEmpty()) {
                throw new IllegalArgumentException("keystate 1 needs name");
            }
            if (keyLength.isPresent()) {
                int bits = keyLength.getAsInt();
                if (bits != 1024 && bits != 2048 && bits != 4096) {
                    throw new IllegalArgumentException("key length must be 1024, 2048 or 4096: " + bits);
                }
                if (keyType.orElse(null) == PgpKeyType.ED25519 || bits == 4096 && keyType.orElse(null) == PgpKeyType.DSA) {
                    throw new IllegalArgumentException("key length " + bits + " is not possible for " + keyType.get());
                }
            }
            if (validityYears.isPresent() && (validityYears.getAsInt() < 1 || validityYears.getAsInt() > 10)) {
                throw new IllegalArgumentException("validity must be 1 to 10 years: " + validityYears.getAsInt());
            }
        }

        @Override
        public String render(SecretDisplay display) {
            StringBuilder text = new StringBuilder("pgp-state:").append(address.value());
            name.ifPresent(value -> text.append(";name:").append(value));
            keyLength.ifPresent(bits -> text.append(";keylength:").append(bits));
            comment.ifPresent(value -> text.append(";comment:").append(value));
            keyType.ifPresent(type -> text.append(";keytype:").append(type.keyword()));
            validityYears.ifPresent(years -> text.append(";validity:").append(years).append('y'));
            return text.append(";keystate:").append(keyWanted ? 1 : 0).toString();
        }
    }

    /**
     * {@code passphrase:VALUE;smimeimport}: a passphrase to try on private keys being imported.
     *
     * @param line  the line number
     * @param value the passphrase: not empty, no blanks at either end, no {@code ;} or control characters
     */
    record Passphrase(int line, Secret value) implements UseLine {

        /** Validates. */
        public Passphrase {
            Lines.checkLine(line);
            Objects.requireNonNull(value, "value");
            if (value.isEmpty()) {
                throw new IllegalArgumentException("a passphrase is not empty");
            }
            Lines.checkText("passphrase", Optional.of(value.reveal()));
        }

        @Override
        public String render(SecretDisplay display) {
            return "passphrase:" + display.show(value.reveal()) + ";smimeimport";
        }
    }

    /**
     * {@code group:MEMBER;GROUP}: a member of a group. A file states each group it names in full.
     *
     * @param line   the line number
     * @param member an address or a domain
     * @param group  the group's name (see {@link Endpoint.Group})
     */
    record GroupEntry(int line, GroupMember member, String group) implements UseLine {

        /** Validates. */
        public GroupEntry {
            Lines.checkLine(line);
            Objects.requireNonNull(member, "member");
            group = new Endpoint.Group(group).name();
        }

        @Override
        public String render(SecretDisplay display) {
            return "group:" + member.render() + ";" + group;
        }
    }

    /**
     * {@code option:VALUE;KIND}: an option for the run.
     *
     * @param line  the line number
     * @param kind  which option
     * @param value its value: an e-mail address for the {@code addmail...} options, else a text of at most 200
     *              characters
     */
    record Option(int line, OptionKind kind, String value) implements UseLine {

        /** Validates. */
        public Option {
            Lines.checkLine(line);
            Objects.requireNonNull(kind, "kind");
            Lines.checkText("value", Optional.of(value));
            if (kind.takesAddress() && EmailAddress.find(value).isEmpty()) {
                throw new IllegalArgumentException(kind.keyword() + " needs an e-mail address: " + value);
            }
            if (value.length() > Lines.MAX_OPTION_LENGTH) {
                throw new IllegalArgumentException("an option value has at most 200 characters");
            }
        }

        @Override
        public String render(SecretDisplay display) {
            return "option:" + value + ";" + kind.keyword();
        }
    }
}
