package io.mailseal.ca;

/** The in-memory archive keeps the archive contract. */
class InMemoryCertificateArchiveTest extends CertificateArchiveContract {

    @Override
    protected CertificateArchive newArchive() {
        return new InMemoryCertificateArchive();
    }
}
