package com.atlassian.mail.server.auth;

/**
 * OAuth 2.0 credentials (access and refresh token).
 *
 * <p>Signature: atlassian-mail 5.3.0, DF
 * {@code com.atlassian.mail_atlassian-mail-5.3.0/com/atlassian/mail/server/auth/OAuthCredentials.java}, per
 * confluence-platform.md B.10.
 */
public interface OAuthCredentials extends Credentials {

    /**
     * The access token.
     *
     * @return the token
     */
    String getAccessToken();

    /**
     * The refresh token.
     *
     * @return the token
     */
    String getRefreshToken();
}
