package io.mailseal.ca;

/**
 * The key pair of an issued certificate. RSA keys get key usage digitalSignature + keyEncipherment, EC keys
 * digitalSignature + keyAgreement. gpgsm 2.2 and older Outlook versions decrypt only RSA; choose EC only for
 * recipients whose clients read ECDH.
 */
public enum KeySpec {
    /** RSA 2048 bits. */
    RSA_2048("RSA", 2048),
    /** RSA 3072 bits; the default of {@link CaProfile#defaults}. */
    RSA_3072("RSA", 3072),
    /** RSA 4096 bits (about 1.3 s to generate on a small VM). */
    RSA_4096("RSA", 4096),
    /** ECDSA/ECDH on NIST P-256 ({@code secp256r1}). */
    EC_P256("EC", 256);

    private final String algorithm;
    private final int bits;

    KeySpec(String algorithm, int bits) {
        this.algorithm = algorithm;
        this.bits = bits;
    }

    /**
     * The JCA key algorithm.
     *
     * @return "RSA" or "EC"
     */
    public String algorithm() {
        return algorithm;
    }

    /**
     * The key length (RSA modulus) or curve size in bits.
     *
     * @return the bits
     */
    public int bits() {
        return bits;
    }

    /**
     * Whether the key is RSA.
     *
     * @return true for the RSA sizes
     */
    public boolean rsa() {
        return "RSA".equals(algorithm);
    }
}
