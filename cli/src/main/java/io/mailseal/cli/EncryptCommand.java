package io.mailseal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.source.ConfiguredKeyDirectory;
import io.mailseal.keys.source.KeySources;
import io.mailseal.outbound.Delivery;
import io.mailseal.outbound.MimeMessageParts;
import io.mailseal.outbound.OutboundFactory;
import io.mailseal.outbound.OutboundProcessor;
import io.mailseal.outbound.Outcome;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailseal encrypt --settings FILE --in MESSAGE.eml [--from ADDR] [--to ADDR ...] --out DIR [--json]}: runs one
 * message through the policy and the encryption exactly as the mail hook would, and writes one {@code .eml} per
 * delivery.
 *
 * <p>The envelope defaults to the message's From and its To, Cc and Bcc. Exit code 0 when every recipient was handled
 * by policy, 1 when the message must be retried (a key source failed), 2 on usage, settings or message errors.
 * Not thread-safe; one invocation per instance.
 */
@Command(name = "encrypt", mixinStandardHelpOptions = true,
        description = "Encrypt one message for its recipients under the policy, writing one .eml per delivery.")
final class EncryptCommand implements Callable<Integer> {

    @Option(names = "--settings", required = true, paramLabel = "FILE", description = "Mailseal settings JSON")
    private Path settingsFile;

    @Option(names = "--in", required = true, paramLabel = "MESSAGE.eml", description = "the message (RFC 5322)")
    private Path input;

    @Option(names = "--from", paramLabel = "ADDR", description = "envelope sender (default: the From address)")
    private String from;

    @Option(names = "--to", paramLabel = "ADDR", description = "envelope recipient (default: To, Cc and Bcc)")
    private List<String> to = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the deliveries are written")
    private Path outDir;

    @Option(names = "--json", description = "print the deliveries as one JSON object")
    private boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Settings> settings = SettingsFile.read(settingsFile, err);
        if (settings.isEmpty()) {
            return VerifyCommand.INVALID;
        }
        byte[] message;
        try {
            message = Files.readAllBytes(input);
        } catch (IOException e) {
            err.println("cannot read message " + input + ": " + e.getMessage());
            return VerifyCommand.INVALID;
        }
        MimeMessageParts.Parsed parsed = MimeMessageParts.parse(message);
        if (parsed instanceof MimeMessageParts.NotAMessage notAMessage) {
            err.println(input + ": " + notAMessage.reason());
            return VerifyCommand.INVALID;
        }
        MimeMessageParts parts = ((MimeMessageParts.Message) parsed).parts();
        EmailAddress sender;
        List<EmailAddress> recipients = new ArrayList<>();
        try {
            sender = from != null ? address(from) : addresses(parts, List.of("From")).stream().findFirst().orElse(null);
            for (String recipient : to.isEmpty() ? List.<String>of() : to) {
                recipients.add(address(recipient));
            }
            if (to.isEmpty()) {
                recipients.addAll(addresses(parts, List.of("To", "Cc", "Bcc")));
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return VerifyCommand.INVALID;
        }
        if (recipients.isEmpty()) {
            err.println(input + ": no recipients (give --to or To/Cc/Bcc headers)");
            return VerifyCommand.INVALID;
        }
        Clock clock = Clock.systemUTC();
        CryptoRuntime crypto = CryptoRuntime.create();
        ConfiguredKeyDirectory keys;
        try {
            keys = new ConfiguredKeyDirectory(settings.get(), KeySources.Environment.standalone(crypto, clock));
        } catch (IllegalArgumentException e) {
            err.println(settingsFile + ": " + e.getMessage());
            return VerifyCommand.INVALID;
        }
        Checked<OutboundProcessor> processor = OutboundFactory.fromSettings(settings.get(), keys::lookup, crypto,
                clock, "");
        if (!processor.problems().isEmpty()) {
            processor.problems().forEach(problem -> err.println(settingsFile + ": " + problem));
            return VerifyCommand.INVALID;
        }
        Outcome outcome = processor.orElseThrow().process(message, sender, recipients);
        if (outcome instanceof Outcome.Invalid invalid) {
            err.println(input + ": " + invalid.reason());
            return VerifyCommand.INVALID;
        }
        if (outcome instanceof Outcome.Retry retry) {
            err.println("not sent, retry later: " + retry.reason());
            return VerifyCommand.NOT_FOUND;
        }
        Files.createDirectories(outDir);
        ObjectNode report = new ObjectMapper().createObjectNode();
        ArrayNode deliveries = report.putArray("deliveries");
        int number = 0;
        for (Delivery delivery : ((Outcome.Processed) outcome).deliveries()) {
            number++;
            Path file = null;
            if (delivery.message() != null) {
                file = outDir.resolve("delivery-" + number + ".eml");
                Files.write(file, delivery.message());
            }
            ObjectNode node = deliveries.addObject();
            ArrayNode to = node.putArray("recipients");
            delivery.recipients().forEach(r -> to.add(r.value()));
            node.put("action", delivery.action().name());
            ArrayNode ids = node.putArray("keys");
            delivery.keyIds().forEach(ids::add);
            node.put("file", file == null ? null : file.toString());
            node.put("reason", delivery.reason());
            if (!json) {
                out.printf("%-16s %s%s%s%n", delivery.action(), String.join(", ",
                                delivery.recipients().stream().map(EmailAddress::value).toList()),
                        file == null ? "" : " -> " + file, delivery.reason() == null ? "" : " (" + delivery.reason()
                                + ")");
            }
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        }
        out.flush();
        return VerifyCommand.FOUND;
    }

    private static EmailAddress address(String text) {
        return EmailAddress.find(text).orElseThrow(() -> new IllegalArgumentException("not an e-mail address: "
                + text));
    }

    private static List<EmailAddress> addresses(MimeMessageParts parts, List<String> headers) {
        Set<EmailAddress> found = new LinkedHashSet<>();
        for (String header : headers) {
            for (MimeMessageParts.Field field : parts.all(header)) {
                try {
                    for (InternetAddress address : InternetAddress.parseHeader(field.value(), false)) {
                        found.add(address(address.getAddress()));
                    }
                } catch (AddressException e) {
                    throw new IllegalArgumentException(header + " header: " + e.getMessage());
                }
            }
        }
        return new ArrayList<>(found);
    }
}
