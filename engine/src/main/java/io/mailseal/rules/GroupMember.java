package io.mailseal.rules;

import io.mailseal.keys.EmailAddress;
import java.util.Optional;

/**
 * What a USE group holds: an address, or a whole domain.
 *
 * <p>Implementations are immutable values.
 */
public sealed interface GroupMember permits Endpoint.Address, Endpoint.Domain {

    /**
     * Whether an address is this member (the same address ignoring case, or an address in this domain).
     *
     * @param address the address
     * @return true if it matches
     */
    boolean matches(EmailAddress address);

    /**
     * The member as the import files write it: the address, or the domain.
     *
     * @return the text
     */
    String render();

    /**
     * Reads a group member: an e-mail address if the text has an {@code @}, a domain otherwise. A local part of
     * {@code *} is refused: it is a legal mailbox name, but whoever writes {@code *@example.com} means the domain.
     *
     * @param text the text, without blanks around it
     * @return the member, or empty if the text is neither
     */
    static Optional<GroupMember> find(String text) {
        if (text.startsWith("*@")) {
            return Optional.empty();
        }
        if (text.indexOf('@') >= 0) {
            return EmailAddress.find(text).map(Endpoint.Address::new);
        }
        return Endpoint.Domain.find(text).map(GroupMember.class::cast);
    }
}
