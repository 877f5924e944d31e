/**
 * Contracts for the certificate authority's ports ({@link io.mailseal.ca.CertificateArchive}), shared by the in-memory
 * stand-ins and the plugin's Active Objects adapters.
 */
package io.mailseal.testkit.ca;
