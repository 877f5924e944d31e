package io.mailseal.cli;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.CachePolicy;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyDirectory;
import io.mailseal.keys.KeySummary;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.Verification;
import io.mailseal.keys.VerificationJson;
import io.mailseal.keys.source.KeySources;
import io.mailseal.settings.Settings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mailseal verify --settings FILE [--json] ADDRESS}: asks every source configured in the settings file for the
 * address's S/MIME certificate and PGP key, as the admin's "Verify settings" does, and reports what each source said,
 * the key that would be used and every rejected key with its reason.
 *
 * <p>Exit code 0 when a usable key was found, 1 when none was, 2 when the settings or the arguments are wrong.
 * Not thread-safe; one invocation per instance.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Look up an address's S/MIME certificate and PGP key in every configured source.")
final class VerifyCommand implements Callable<Integer> {

    static final int FOUND = 0;
    static final int NOT_FOUND = 1;
    static final int INVALID = 2;

    @Option(names = "--settings", required = true, paramLabel = "FILE",
            description = "Mailseal settings JSON (docs/settings.md)")
    private Path settingsFile;

    @Option(names = "--json", description = "print one JSON object instead of text")
    private boolean json;

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "the e-mail address to verify")
    private String address;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<EmailAddress> recipient = EmailAddress.find(address);
        if (recipient.isEmpty()) {
            err.println("not an e-mail address: " + address);
            return INVALID;
        }
        Optional<Settings> read = SettingsFile.read(settingsFile, err);
        if (read.isEmpty()) {
            return INVALID;
        }
        Settings settings = read.get();
        Clock clock = Clock.systemUTC();
        KeySources.Built sources = KeySources.fromSettings(settings,
                KeySources.Environment.standalone(CryptoRuntime.create(), clock));
        if (!sources.problems().isEmpty()) {
            sources.problems().forEach(problem -> err.println(settingsFile + ": " + problem));
            return INVALID;
        }
        KeyDirectory directory = new KeyDirectory(sources.sources(), CachePolicy.DEFAULTS, clock);
        Verification verification = directory.verify(recipient.get());
        if (json) {
            out.println(VerificationJson.write(verification));
        } else {
            printText(out, verification);
        }
        out.flush();
        return verification.found() ? FOUND : NOT_FOUND;
    }

    private static void printText(PrintWriter out, Verification verification) {
        out.println("Key lookup for " + verification.address());
        for (KeyType type : KeyType.values()) {
            Optional<LookupResult.Found> found = verification.selected().stream()
                    .filter(f -> f.key().type() == type).findFirst();
            out.printf("  %-6s %s%n", type + ":", found.map(f -> "would use " + describe(f.key().summary())
                    + " from " + f.source()).orElse("no usable key"));
        }
        out.println("Sources:");
        for (SourceResponse response : verification.responses()) {
            out.printf("  %-5s %-14s %-9s %6d ms  %s%n", response.type(), response.source(), response.status(),
                    response.duration().toMillis(), response.message());
        }
        if (!verification.rejected().isEmpty()) {
            out.println("Rejected:");
            for (Verification.Rejected rejected : verification.rejected()) {
                out.printf("  %-5s %-14s %s: %s (%s)%n", rejected.rejection().key().type(), rejected.source(),
                        describe(rejected.rejection().key()), rejected.rejection().reason(),
                        rejected.rejection().detail());
            }
        }
    }

    private static String describe(KeySummary key) {
        String id = key.type() == KeyType.SMIME ? "certificate " + key.id() : "key " + key.id();
        String until = key.notAfter() == null ? "" : ", valid until " + key.notAfter();
        return id + " (" + key.subject() + until + ")";
    }
}
