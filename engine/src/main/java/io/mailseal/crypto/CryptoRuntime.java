package io.mailseal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The cryptographic runtime of one Mailseal instance: a private Bouncy Castle provider and the source of randomness.
 *
 * <p>The provider is an instance that is never registered with {@link java.security.Security}: the host application
 * registers its own Bouncy Castle under the name "BC", possibly from another class loader and version, so Mailseal
 * passes this instance to every JCA call that needs Bouncy Castle and never looks a provider up by name.
 *
 * <p>Thread-safe and immutable; create one per plugin (or test) and share it. Defaults: {@link #create()} uses a
 * new {@link SecureRandom} from the JDK's default algorithm.
 */
public final class CryptoRuntime {

    /** SHA-256 of the ASCII bytes "abc" (FIPS 180-2, appendix B.1). */
    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private final Provider bouncyCastle;
    private final SecureRandom random;

    private CryptoRuntime(Provider bouncyCastle, SecureRandom random) {
        this.bouncyCastle = Objects.requireNonNull(bouncyCastle, "bouncyCastle");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Creates a runtime with its own, unregistered Bouncy Castle provider and a new JDK {@link SecureRandom}.
     *
     * @return a new runtime; never null
     */
    public static CryptoRuntime create() {
        return create(new SecureRandom());
    }

    /**
     * Creates a runtime with its own, unregistered Bouncy Castle provider and the given randomness (tests inject a
     * seeded source here).
     *
     * @param random the randomness for keys, IVs and nonces; not null
     * @return a new runtime; never null
     */
    public static CryptoRuntime create(SecureRandom random) {
        return new CryptoRuntime(new BouncyCastleProvider(), random);
    }

    /**
     * The private Bouncy Castle provider; pass it to {@code getInstance(algorithm, provider)} and to the
     * {@code setProvider(Provider)} methods of Bouncy Castle's JCA builders.
     *
     * @return the provider; never null, never registered globally
     */
    public Provider bouncyCastle() {
        return bouncyCastle;
    }

    /**
     * The randomness every key, IV and nonce is drawn from.
     *
     * @return the random source; never null
     */
    public SecureRandom random() {
        return random;
    }

    /**
     * The JDK's own provider of the given cipher transformations, for bulk symmetric work (hardware AES): the default
     * provider of the first transformation if its class belongs to the JDK, otherwise the first installed JDK
     * provider that offers them all. A provider loaded by a plugin or application class loader (the host's "BC", for
     * instance) never qualifies.
     *
     * @param transformations cipher transformations the provider must offer, e.g. {@code "AES/CBC/NoPadding"}
     * @return the provider, or empty if this JVM has none
     */
    public static Optional<Provider> jdkProvider(String... transformations) {
        try {
            Provider preferred = Cipher.getInstance(transformations[0]).getProvider();
            if (isJdkProvider(preferred) && offers(preferred, transformations)) {
                return Optional.of(preferred);
            }
        } catch (GeneralSecurityException e) {
            // fall through to the installed providers
        }
        for (Provider candidate : java.security.Security.getProviders()) {
            if (isJdkProvider(candidate) && offers(candidate, transformations)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a provider's class belongs to the JDK: a named module of the boot layer called {@code java.*} or
     * {@code jdk.*} (SunJCE lives in {@code java.base}).
     *
     * @param provider the provider
     * @return true for a JDK provider
     */
    public static boolean isJdkProvider(Provider provider) {
        Module module = provider.getClass().getModule();
        if (!module.isNamed() || module.getLayer() != ModuleLayer.boot()) {
            return false;
        }
        String name = module.getName();
        return name.startsWith("java.") || name.startsWith("jdk.");
    }

    private static boolean offers(Provider provider, String... transformations) {
        try {
            for (String transformation : transformations) {
                Cipher.getInstance(transformation, provider);
            }
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Checks that this runtime works where it is deployed: the Bouncy Castle provider answers a known-answer test,
     * and it is the private instance rather than one taken from the global provider list.
     *
     * @return what was checked and every problem found; never throws for a failed check
     */
    public SelfTest selfTest() {
        List<String> problems = new ArrayList<>();
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256", bouncyCastle);
            String digest = HexFormat.of().formatHex(sha256.digest("abc".getBytes(StandardCharsets.US_ASCII)));
            if (!SHA256_ABC.equals(digest)) {
                problems.add("SHA-256 known-answer test failed: got " + digest);
            }
        } catch (GeneralSecurityException e) {
            problems.add("Bouncy Castle provider cannot compute SHA-256: " + e.getMessage());
        }
        for (Provider registered : java.security.Security.getProviders()) {
            if (registered == bouncyCastle) {
                problems.add("the private Bouncy Castle provider is registered globally");
            }
        }
        return new SelfTest(bouncyCastle.getVersionStr(), bouncyCastle.getClass().getClassLoader(), problems);
    }

    /**
     * Outcome of {@link #selfTest()}.
     *
     * @param bouncyCastleVersion the version of the Bouncy Castle provider in use, e.g. "1.87"
     * @param providerClassLoader the class loader that defined the provider class; inside Confluence this must be
     *                            the plugin's own, never the host's
     * @param problems            every failed check, in plain words; empty when the runtime is usable
     */
    public record SelfTest(String bouncyCastleVersion, ClassLoader providerClassLoader, List<String> problems) {

        /** Validates and copies the problem list. */
        public SelfTest {
            Objects.requireNonNull(bouncyCastleVersion, "bouncyCastleVersion");
            problems = List.copyOf(problems);
        }

        /**
         * Whether every check passed.
         *
         * @return true when there are no problems
         */
        public boolean passed() {
            return problems.isEmpty();
        }
    }
}
