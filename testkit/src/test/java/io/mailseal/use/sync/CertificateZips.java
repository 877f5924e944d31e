package io.mailseal.use.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.Pfx;

/** Reads a transactional report's zip and checks that it holds public certificates only. */
final class CertificateZips {

    private CertificateZips() {
    }

    /**
     * The certificates of a zip, after checking every entry: a {@code .pem} or {@code .cer} name, no "PRIVATE KEY"
     * text, and a body that is a certificate and neither a PKCS#8 private key nor a PKCS#12 file.
     */
    static List<X509Certificate> publicCertificatesOnly(byte[] zip) throws Exception {
        List<X509Certificate> certificates = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                assertThat(entry.getName()).matches(".+\\.(pem|cer)");
                assertThat(text).doesNotContain("PRIVATE KEY").doesNotContain("ENCRYPTED");
                byte[] der = entry.getName().endsWith(".pem") ? Base64.getMimeDecoder().decode(text
                        .replaceAll("-----(BEGIN|END) CERTIFICATE-----", "").strip()) : bytes;
                assertThatThrownBy(() -> PrivateKeyInfo.getInstance(der)).as("%s is no PKCS#8 key", entry.getName())
                        .isInstanceOf(RuntimeException.class);
                assertThatThrownBy(() -> Pfx.getInstance(der)).as("%s is no PKCS#12 file", entry.getName())
                        .isInstanceOf(RuntimeException.class);
                certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (IOException e) {
            throw new AssertionError("not a zip", e);
        }
        return certificates;
    }
}
