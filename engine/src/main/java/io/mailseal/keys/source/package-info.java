/**
 * Key sources that need no network: the admin's key store file and the keys users upload. The network sources live
 * in the sub-packages {@code ldap} (LDAP and Active Directory certificates, LDAP PGP key servers) and {@code http}
 * (HKP, WKD, VKS).
 *
 * <p>Every source implements {@link io.mailseal.keys.KeySource}: it parses with {@link io.mailseal.keys.format},
 * checks with {@link io.mailseal.keys.select}, and answers with a {@link io.mailseal.keys.SourceResponse}; it never
 * throws for an expected outcome. Never depends on {@code com.atlassian}.
 */
package io.mailseal.keys.source;
