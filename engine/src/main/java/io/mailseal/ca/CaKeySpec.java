package io.mailseal.ca;

/** The key of a private root CA that Mailseal creates ({@link IssuingCa#createPrivateRoot}). */
public enum CaKeySpec {
    /** RSA 3072 bits, signing with SHA-256 (PKCS#1 v1.5); the choice for gpgsm 2.2 and older clients. */
    RSA_3072("RSA", 3072),
    /** ECDSA on P-384, signing with SHA-384 (the S/MIME baseline pairs P-384 with SHA-384). */
    EC_P384("EC", 384);

    private final String algorithm;
    private final int bits;

    CaKeySpec(String algorithm, int bits) {
        this.algorithm = algorithm;
        this.bits = bits;
    }

    String algorithm() {
        return algorithm;
    }

    int bits() {
        return bits;
    }
}
