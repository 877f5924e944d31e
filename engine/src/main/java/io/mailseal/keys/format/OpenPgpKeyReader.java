package io.mailseal.keys.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.gpg.keybox.KeyBlob;
import org.bouncycastle.gpg.keybox.PublicKeyRingBlob;
import org.bouncycastle.gpg.keybox.bc.BcKeyBox;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * Reads OpenPGP public keys from the formats key stores and key servers use, recognising the format from the
 * content: a GnuPG keybox ({@code .kbx}, including files with deleted blobs), ASCII armor with any number of
 * {@code PUBLIC KEY BLOCK}s and text between them, and binary transferable public keys (a legacy {@code .gpg} keyring
 * with trust packets, an export, {@code .pkr}).
 *
 * <p>Secret keys are never read: a secret key block is skipped and reported, since a key store must hold public keys
 * only. Thread-safe and stateless.
 */
public final class OpenPgpKeyReader {

    /** The formats this reader recognises. */
    public enum Format {
        /** A GnuPG keybox (version 1, as gpg 2.1+ writes {@code pubring.kbx}). */
        KEYBOX,
        /** ASCII armor, one or more blocks. */
        ARMORED,
        /** Binary OpenPGP packets. */
        BINARY
    }

    /** What a read gave. */
    public sealed interface Result {
    }

    /**
     * The data was recognised.
     *
     * @param format   what it was
     * @param keyRings every public key ring in it, in file order
     * @param problems parts that were skipped and why (a secret key, a damaged block, trailing garbage)
     */
    public record Read(Format format, List<PGPPublicKeyRing> keyRings, List<String> problems) implements Result {

        /** Copies the lists. */
        public Read {
            Objects.requireNonNull(format, "format");
            keyRings = List.copyOf(keyRings);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Nothing could be read.
     *
     * @param reason what is wrong, in plain words
     */
    public record Unreadable(String reason) implements Result {

        /** Validates the reason. */
        public Unreadable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private static final String BEGIN = "-----BEGIN PGP ";
    private static final String END = "-----END PGP ";

    /**
     * Reads every public key ring in the data.
     *
     * @param data the bytes of a key file, a key server answer or an upload
     * @return the key rings and the format, or why nothing could be read; never throws for bad data
     */
    public Result read(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (data.length == 0) {
            return new Unreadable("empty");
        }
        if (isKeybox(data)) {
            return readKeybox(data);
        }
        String text = new String(data, StandardCharsets.ISO_8859_1);
        if (text.contains(BEGIN)) {
            return readArmored(text);
        }
        if ((data[0] & 0x80) != 0) {
            List<PGPPublicKeyRing> rings = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            readPackets(new ByteArrayInputStream(data), "", rings, problems);
            if (rings.isEmpty()) {
                return new Unreadable(problems.isEmpty() ? "no public key in the OpenPGP data"
                        : String.join("; ", problems));
            }
            return new Read(Format.BINARY, rings, problems);
        }
        return new Unreadable("not an OpenPGP keyring, armored key or GnuPG keybox (unknown leading bytes)");
    }

    private Result readKeybox(byte[] data) {
        try {
            BcKeyBox keyBox = new BcKeyBox(data);
            List<PGPPublicKeyRing> rings = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            int index = 0;
            for (KeyBlob blob : keyBox.getKeyBlobs()) {
                index++;
                if (blob instanceof PublicKeyRingBlob pgp) {
                    try {
                        rings.add(pgp.getPGPPublicKeyRing());
                    } catch (IOException | RuntimeException e) {
                        problems.add("keybox blob " + index + ": damaged OpenPGP key: " + e.getMessage());
                    }
                }
            }
            if (rings.isEmpty() && !problems.isEmpty()) {
                return new Unreadable(String.join("; ", problems));
            }
            return new Read(Format.KEYBOX, rings, problems);
        } catch (IOException | RuntimeException e) {
            return new Unreadable("damaged GnuPG keybox: " + e.getMessage());
        }
    }

    private Result readArmored(String text) {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int blocks = 0;
        for (int start = text.indexOf(BEGIN); start >= 0; start = text.indexOf(BEGIN, start + 1)) {
            blocks++;
            int labelEnd = text.indexOf("-----", start + BEGIN.length());
            String label = labelEnd < 0 ? "?" : text.substring(start + BEGIN.length(), labelEnd);
            int end = text.indexOf(END + label + "-----", start);
            String where = "armor block " + blocks + " (" + label + ")";
            if (labelEnd < 0 || end < 0) {
                problems.add(where + ": no END line");
                break;
            }
            if (!label.equals("PUBLIC KEY BLOCK")) {
                problems.add(where + ": not a public key block; skipped");
                continue;
            }
            byte[] block = text.substring(start, end + END.length() + label.length() + 5)
                    .getBytes(StandardCharsets.ISO_8859_1);
            try (ArmoredInputStream armored = ArmoredInputStream.builder().build(new ByteArrayInputStream(block))) {
                readPackets(armored, where + ": ", rings, problems);
            } catch (IOException | RuntimeException e) {
                problems.add(where + ": damaged armor: " + e.getMessage());
            }
        }
        if (rings.isEmpty()) {
            return new Unreadable(problems.isEmpty() ? "no public key block" : String.join("; ", problems));
        }
        return new Read(Format.ARMORED, rings, problems);
    }

    private static void readPackets(InputStream in, String where, List<PGPPublicKeyRing> rings,
                                    List<String> problems) {
        BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
        int index = 0;
        while (true) {
            Object next;
            try {
                next = factory.nextObject();
            } catch (IOException | RuntimeException e) {
                problems.add(where + "damaged OpenPGP data after " + index + " key(s): " + e.getMessage());
                return;
            }
            if (next == null) {
                return;
            }
            index++;
            if (next instanceof PGPPublicKeyRing ring) {
                rings.add(ring);
            } else if (next instanceof PGPSecretKeyRing) {
                problems.add(where + "object " + index + " is a secret key; skipped (key stores hold public keys)");
            } else if (!(next instanceof PGPMarker)) {
                problems.add(where + "object " + index + " is a " + next.getClass().getSimpleName() + ", not a key");
            }
        }
    }

    /** A keybox starts with a first blob: length (4), type 1, version 1, flags (2), then the magic "KBXf". */
    private static boolean isKeybox(byte[] data) {
        return data.length >= 12 && data[4] == 1 && data[8] == 'K' && data[9] == 'B' && data[10] == 'X'
                && data[11] == 'f';
    }
}
