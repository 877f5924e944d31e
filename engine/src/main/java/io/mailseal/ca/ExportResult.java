package io.mailseal.ca;

import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome of {@link Pkcs12Export#export}: the PKCS#12 file, or why the passphrase was not accepted.
 *
 * <p>Immutable values, thread-safe.
 */
public sealed interface ExportResult {

    /**
     * The file was written.
     *
     * @param p12 the DER PKCS#12 bytes
     */
    record Exported(byte[] p12) implements ExportResult {

        /** Validates and copies the bytes. */
        public Exported {
            p12 = Objects.requireNonNull(p12, "p12").clone();
        }

        /**
         * The file's bytes.
         *
         * @return a copy
         */
        @Override
        public byte[] p12() {
            return p12.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Exported exported && Arrays.equals(p12, exported.p12);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(p12);
        }

        @Override
        public String toString() {
            return "Exported[" + p12.length + " bytes]";
        }
    }

    /**
     * Nothing was written: the passphrase is too weak.
     *
     * @param verdict the passphrase check with every broken rule; not null
     */
    record Refused(PassphrasePolicy.Verdict verdict) implements ExportResult {

        /** Validates the value. */
        public Refused {
            Objects.requireNonNull(verdict, "verdict");
        }
    }
}
