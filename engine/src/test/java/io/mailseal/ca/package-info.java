/**
 * Tests of the certificate authority: the in-memory {@link io.mailseal.ca.CertificateArchive} with the contract every
 * archive runs, a sealing codec, and tests that check issued certificates, CRLs and PKCS#12 exports with the real
 * tools (openssl, gpgsm).
 */
package io.mailseal.ca;
