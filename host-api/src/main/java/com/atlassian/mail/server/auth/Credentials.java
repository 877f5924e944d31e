package com.atlassian.mail.server.auth;

import java.util.Optional;
import java.util.Properties;

/**
 * The credentials a mail server authenticates with.
 *
 * <p>Signature: atlassian-mail 5.3.0, DF {@code
 * com.atlassian.mail_atlassian-mail-5.3.0/com/atlassian/mail/server/auth/Credentials.java}, per confluence-platform.md
 * B.10.
 */
public interface Credentials {

    /**
     * Extra properties that come with the credentials.
     *
     * @return the properties, if any
     */
    Optional<Properties> getProperties();
}
