package io.mailseal.testkit.ca;

import io.mailseal.ca.CertificateArchive;
import io.mailseal.testkit.store.InMemoryCertificateArchive;

/** The in-memory archive keeps the archive contract. */
class InMemoryCertificateArchiveTest extends CertificateArchiveContract {

    @Override
    protected CertificateArchive newArchive() {
        return new InMemoryCertificateArchive();
    }
}
