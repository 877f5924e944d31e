package io.mailseal.bench;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.pgp.PgpMimeEncryptor;
import io.mailseal.crypto.smime.Pkcs12Result;
import io.mailseal.crypto.smime.SigningIdentity;
import io.mailseal.crypto.smime.SmimeEncryptor;
import io.mailseal.crypto.smime.SmimeOptions;
import io.mailseal.crypto.smime.SmimeSigner;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.format.OpenPgpKeyReader;
import io.mailseal.keys.select.OpenPgpKeyRules;
import io.mailseal.testkit.identities.TestIdentities;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encryption cost. Targets: S/MIME of a 1 MB body at least half the throughput of {@code openssl speed -evp
 * aes-256-cbc}; PGP of 1 MB at least half of {@code openssl speed -evp aes-256-cfb}; a 20 KB notification for one
 * RSA-2048 recipient under 2 ms median, under 5 ms when also signed. The openssl figures are measured in the same run
 * (printed at set-up, in MB/s) and {@link #peerOpensslCmsEncrypt1MB} runs {@code openssl cms -encrypt} on the same
 * 1 MB entity (its figure includes starting the process).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = "-Xmx256m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EncryptionBenchmark {

    private static final int MB = 1 << 20;

    private byte[] entity1Mb;
    private byte[] entity20Kb;
    private List<X509Certificate> alice;
    private List<RecipientKey.Pgp> bob;
    private SmimeEncryptor smime;
    private SmimeSigner signer;
    private PgpMimeEncryptor pgp;
    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        CryptoRuntime crypto = CryptoRuntime.create();
        Clock clock = Clock.systemUTC();
        entity1Mb = entity(MB);
        entity20Kb = entity(20 * 1024);
        alice = List.of(TestIdentities.certificate("alice"));
        smime = new SmimeEncryptor(crypto, SmimeOptions.defaults());
        SigningIdentity identity = ((Pkcs12Result.Loaded) SigningIdentity.fromPkcs12(TestIdentities.bytes("alice.p12"),
                "test".toCharArray())).identity();
        signer = new SmimeSigner(crypto, identity, false, clock);
        PGPPublicKeyRing ring = ((OpenPgpKeyReader.Read) new OpenPgpKeyReader().read(TestIdentities.bytes("bob.asc")))
                .keyRings().get(0);
        bob = List.of(((OpenPgpKeyRules.Usable) new OpenPgpKeyRules(clock)
                .check(EmailAddress.parse("bob@example.com"), ring)).key());
        pgp = new PgpMimeEncryptor(crypto, clock);
        dir = Files.createTempDirectory("mailseal-bench");
        Files.write(dir.resolve("entity.mime"), entity1Mb);
        TestIdentities.copyTo(dir, "alice.crt");
        System.out.printf("%npeer, same run: openssl speed -evp aes-256-cbc (1 MiB blocks): %.0f MB/s%n",
                opensslSpeed("aes-256-cbc"));
        System.out.printf("peer, same run: openssl speed -evp aes-256-cfb (1 MiB blocks): %.0f MB/s%n",
                opensslSpeed("aes-256-cfb"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        for (String name : List.of("entity.mime", "alice.crt", "out.p7m")) {
            Files.deleteIfExists(dir.resolve(name));
        }
        Files.deleteIfExists(dir);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long smimeEncrypt1MB() throws IOException {
        CountingSink out = new CountingSink();
        smime.encrypt(new ByteArrayInputStream(entity1Mb), alice, out);
        return out.count;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long pgpEncrypt1MB() throws IOException {
        CountingSink out = new CountingSink();
        pgp.encrypt(new ByteArrayInputStream(entity1Mb), bob, out);
        return out.count;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long smimeEncrypt20KB() throws IOException {
        CountingSink out = new CountingSink();
        smime.encrypt(new ByteArrayInputStream(entity20Kb), alice, out);
        return out.count;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long smimeSignAndEncrypt20KB() throws IOException {
        ByteArrayOutputStream signed = new ByteArrayOutputStream(entity20Kb.length + 8192);
        signer.sign(new ByteArrayInputStream(entity20Kb), signed);
        CountingSink out = new CountingSink();
        smime.encrypt(new ByteArrayInputStream(signed.toByteArray()), alice, out);
        return out.count;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int peerOpensslCmsEncrypt1MB() throws IOException, InterruptedException {
        Process openssl = new ProcessBuilder("openssl", "cms", "-encrypt", "-binary", "-aes256",
                "-in", dir.resolve("entity.mime").toString(), "-out", dir.resolve("out.p7m").toString(),
                dir.resolve("alice.crt").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int exit = openssl.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("openssl exited with " + exit);
        }
        return exit;
    }

    /** A text/plain entity of about the given size, pseudo-random words, CRLF lines. */
    private static byte[] entity(int size) {
        StringBuilder text = new StringBuilder("Content-Type: text/plain; charset=UTF-8\r\n\r\n");
        Random random = new Random(42);
        while (text.length() < size) {
            for (int i = 0; i < 12; i++) {
                text.append((char) ('a' + random.nextInt(26))).append((char) ('a' + random.nextInt(26)))
                        .append((char) ('a' + random.nextInt(26))).append(' ');
            }
            text.append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Throughput of one EVP cipher on 1 MiB blocks, from openssl speed's last line (kB/s), in MB/s. */
    private static double opensslSpeed(String cipher) throws IOException, InterruptedException {
        Process speed = new ProcessBuilder("openssl", "speed", "-evp", cipher, "-bytes", String.valueOf(MB),
                "-seconds", "2").redirectErrorStream(true).start();
        String output = new String(speed.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        speed.waitFor();
        Matcher last = Pattern.compile("(?m)^" + Pattern.quote(cipher.toUpperCase(java.util.Locale.ROOT))
                + "\\S*\\s+([0-9.]+)k", Pattern.CASE_INSENSITIVE).matcher(output);
        double kilobytesPerSecond = -1;
        while (last.find()) {
            kilobytesPerSecond = Double.parseDouble(last.group(1));
        }
        return kilobytesPerSecond / 1000;
    }

    /** Counts bytes written, keeps none. */
    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
