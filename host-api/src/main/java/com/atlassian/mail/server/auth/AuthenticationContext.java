package com.atlassian.mail.server.auth;

import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Service;

/**
 * How a mail server authenticates: prepares the JavaMail session properties and connects transports and stores.
 *
 * <p>Signature: atlassian-mail 5.3.0, DF
 * {@code com.atlassian.mail_atlassian-mail-5.3.0/com/atlassian/mail/server/auth/AuthenticationContext.java}, per
 * confluence-platform.md A.3/B.10.
 */
public interface AuthenticationContext {

    /**
     * The credentials.
     *
     * @return the credentials
     */
    Credentials getCredentials();

    /**
     * Whether the server authenticates at all.
     *
     * @return true if it does
     */
    boolean isAuthenticating();

    /**
     * Adjusts the properties a JavaMail session is built from (also applied to the server's persistent properties).
     *
     * @param properties the properties
     * @return the properties to use
     */
    Properties preparePropertiesForSession(Properties properties);

    /**
     * Connects a JavaMail transport or store.
     *
     * @param service the service to connect
     * @throws MessagingException if it cannot connect
     */
    void connectService(Service service) throws MessagingException;
}
