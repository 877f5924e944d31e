package io.mailseal.confluence.storage;

import io.mailseal.ca.CertificateArchive;
import io.mailseal.testkit.ao.EntityManagerActiveObjects;
import io.mailseal.testkit.ca.CertificateArchiveContract;
import org.junit.jupiter.api.AfterEach;

/** The CertificateArchive contract against {@link AoCertificateArchive} on H2. */
class AoCertificateArchiveTest extends CertificateArchiveContract {

    private EntityManagerActiveObjects ao;

    @Override
    protected CertificateArchive newArchive() {
        ao = AoDatabase.open();
        return new AoCertificateArchive(ao);
    }

    @AfterEach
    void closeDatabase() {
        ao.close();
    }
}
