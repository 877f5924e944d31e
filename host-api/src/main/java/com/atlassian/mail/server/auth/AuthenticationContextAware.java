package com.atlassian.mail.server.auth;

import javax.mail.MessagingException;
import javax.mail.Service;

/**
 * A mail server whose {@link AuthenticationContext} can be read and replaced.
 *
 * <p>Signature: atlassian-mail 5.3.0, DF
 * {@code com.atlassian.mail_atlassian-mail-5.3.0/com/atlassian/mail/server/auth/AuthenticationContextAware.java}, per
 * confluence-platform.md A.3/B.10.
 */
public interface AuthenticationContextAware {

    /**
     * Replaces the authentication context.
     *
     * @param authenticationContext the context
     */
    void setAuthenticationContext(AuthenticationContext authenticationContext);

    /**
     * The authentication context.
     *
     * @return the context
     */
    AuthenticationContext getAuthenticationContext();

    /**
     * Connects a JavaMail transport or store through the authentication context.
     *
     * @param service the service to connect
     * @throws MessagingException if it cannot connect
     */
    void smartConnect(Service service) throws MessagingException;
}
