package com.atlassian.mail.server.auth;

/**
 * User name and password credentials.
 *
 * <p>Signature: atlassian-mail 5.3.0, DF
 * {@code com.atlassian.mail_atlassian-mail-5.3.0/com/atlassian/mail/server/auth/UserPasswordCredentials.java}, per
 * confluence-platform.md B.10.
 */
public interface UserPasswordCredentials extends Credentials {

    /**
     * The user name.
     *
     * @return the user name
     */
    String getUserName();

    /**
     * The password.
     *
     * @return the password
     */
    String getPassword();
}
