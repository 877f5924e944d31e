package io.mailseal.outbound;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.RecipientKey;
import io.mailseal.policy.Decision;
import io.mailseal.policy.MessageFacts;
import io.mailseal.policy.PolicyEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeUtility;

/**
 * Turns one outgoing message into the messages to send, under the policy.
 *
 * <p>Each envelope recipient gets the policy's decision. Recipients that are encrypted with the same kind of key
 * share one message encrypted to all their keys (and to the sender's, if the policy asks); a recipient who is in
 * neither To nor Cc (a Bcc) always gets a message of their own. The routing headers of the original (From, To, Cc,
 * Date, Message-ID, In-Reply-To, References, Confluence's X- headers) stay outside; the MIME entity (its
 * {@code Content-*} fields and body) is what is signed and encrypted, byte for byte. With subject protection the outer
 * Subject is replaced by a neutral text and the real one travels inside ({@code protected-headers="v1"}).
 *
 * <p>Fail closed: if any recipient must wait for a failed key source, or any encrypted delivery cannot be built, the
 * outcome is {@link Outcome.Retry} and nothing is sent to anyone.
 *
 * <p>Thread-safe if its collaborators are.
 */
public final class OutboundProcessor {

    /** Encrypts a MIME entity for S/MIME certificates (see the crypto.smime package). */
    @FunctionalInterface
    public interface SmimeEncryption {
        /**
         * Writes the encrypted entity.
         *
         * @param entity     the entity
         * @param recipients the certificates
         * @param out        where the encrypted entity goes
         * @throws IOException if writing fails
         */
        void encrypt(InputStream entity, List<X509Certificate> recipients, OutputStream out) throws IOException;
    }

    /** Encrypts a MIME entity for OpenPGP keys (see the crypto.pgp package). */
    @FunctionalInterface
    public interface PgpEncryption {
        /**
         * Writes the encrypted entity.
         *
         * @param entity     the entity
         * @param recipients the keys
         * @param out        where the encrypted entity goes
         * @throws IOException if writing fails
         */
        void encrypt(InputStream entity, List<RecipientKey.Pgp> recipients, OutputStream out) throws IOException;
    }

    /** Signs a MIME entity (S/MIME or PGP/MIME multipart/signed). */
    @FunctionalInterface
    public interface Signing {
        /**
         * Writes the signed entity.
         *
         * @param entity the entity
         * @param out    where the signed entity goes
         * @throws IOException if writing fails
         */
        void sign(InputStream entity, OutputStream out) throws IOException;
    }

    /** The signing identities, chosen by the From address. */
    public interface Signers {
        /**
         * The signer for a sender and a kind of message.
         *
         * @param from the From address
         * @param type S/MIME or PGP (plain messages are signed with the S/MIME identity if there is one, else PGP)
         * @return the signer, or empty if signing is off or there is no identity for the address
         */
        Optional<Signing> find(EmailAddress from, KeyType type);

        /** No signing. */
        Signers NONE = (from, type) -> Optional.empty();
    }

    /**
     * How problem reports and protected subjects read.
     *
     * @param protectSubject  whether the outer Subject is replaced and the real headers travel inside
     * @param neutralSubject  the outer Subject when protecting (default "...", as Thunderbird and Enigmail write)
     * @param keyUploadUrl    where users upload their key (shown in problem reports); may be empty
     * @param adminCopy       an address that gets a copy of every problem report; null for none
     * @param extraReportText the admin's own words appended to problem reports; may be empty
     */
    public record Options(boolean protectSubject, String neutralSubject, String keyUploadUrl, EmailAddress adminCopy,
                          String extraReportText) {

        /** No subject protection, no upload link, no admin copy. */
        public static final Options DEFAULTS = new Options(false, "...", "", null, "");

        /** Validates. */
        public Options {
            Objects.requireNonNull(neutralSubject, "neutralSubject");
            Objects.requireNonNull(keyUploadUrl, "keyUploadUrl");
            Objects.requireNonNull(extraReportText, "extraReportText");
        }
    }

    private static final String HP_PARAMETERS = ";\r\n protected-headers=\"v1\"; hp=\"cipher\"\r\n";
    private static final Set<String> PROTECTED = Set.of("subject", "from", "to", "cc", "date", "message-id",
            "reply-to");
    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final PolicyEngine policy;
    private final SmimeEncryption smime;
    private final PgpEncryption pgp;
    private final Signers signers;
    private final Options options;
    private final Clock clock;

    /**
     * Creates the processor.
     *
     * @param policy  decides per recipient
     * @param smime   S/MIME encryption
     * @param pgp     PGP/MIME encryption
     * @param signers signing identities by From address ({@link Signers#NONE} when signing is off)
     * @param options subject protection and problem report texts
     * @param clock   time for problem reports' Date
     */
    public OutboundProcessor(PolicyEngine policy, SmimeEncryption smime, PgpEncryption pgp, Signers signers,
                             Options options, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.smime = Objects.requireNonNull(smime, "smime");
        this.pgp = Objects.requireNonNull(pgp, "pgp");
        this.signers = Objects.requireNonNull(signers, "signers");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Processes one message.
     *
     * @param message    the bytes as received at the end of SMTP DATA
     * @param sender     the envelope sender (MAIL FROM), or null for an empty reverse path
     * @param recipients the envelope recipients (RCPT TO), at least one
     * @return the deliveries, or why nothing may be sent now; never throws for bad input
     */
    public Outcome process(byte[] message, EmailAddress sender, List<EmailAddress> recipients) {
        if (recipients.isEmpty()) {
            return new Outcome.Invalid("no recipients");
        }
        MimeMessageParts.Parsed parsed = MimeMessageParts.parse(message);
        if (parsed instanceof MimeMessageParts.NotAMessage notAMessage) {
            return new Outcome.Invalid(notAMessage.reason());
        }
        MimeMessageParts parts = ((MimeMessageParts.Message) parsed).parts();
        if (parts.field("From").isEmpty()) {
            return new Outcome.Invalid("the message has no From header");
        }
        MessageFacts facts = facts(parts, sender);
        Set<String> visible = visibleRecipients(parts);

        Map<EmailAddress, Decision> decisions = new LinkedHashMap<>();
        for (EmailAddress recipient : recipients) {
            Decision decision = policy.decide(facts, recipient);
            if (decision instanceof Decision.Retry retry) {
                return new Outcome.Retry(retry.reason());
            }
            decisions.put(recipient, decision);
        }
        Optional<EmailAddress> from = fromAddress(parts);
        try {
            return new Outcome.Processed(deliveries(parts, sender, from, decisions, visible));
        } catch (IOException | RuntimeException e) {
            return new Outcome.Retry("a delivery could not be built, nothing was sent: " + e);
        }
    }

    private List<Delivery> deliveries(MimeMessageParts parts, EmailAddress sender, Optional<EmailAddress> from,
                                      Map<EmailAddress, Decision> decisions, Set<String> visible) throws IOException {
        Map<String, List<EmailAddress>> groups = new LinkedHashMap<>();
        for (Map.Entry<EmailAddress, Decision> entry : decisions.entrySet()) {
            EmailAddress recipient = entry.getKey();
            Decision decision = entry.getValue();
            boolean alone = !visible.contains(recipient.canonical())
                    || decision instanceof Decision.ProblemReport;
            String group = groupOf(decision) + (alone ? "|" + recipient.canonical() : "");
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(recipient);
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (List<EmailAddress> group : groups.values()) {
            Decision first = decisions.get(group.get(0));
            if (first instanceof Decision.Encrypt) {
                deliveries.add(encrypted(parts, sender, from, group, decisions));
            } else if (first instanceof Decision.Exempt || first instanceof Decision.SendPlain) {
                deliveries.add(plain(parts, from, group, first.reason()));
            } else if (first instanceof Decision.ProblemReport) {
                deliveries.add(problemReport(parts, group.get(0), first.reason()));
            } else {
                deliveries.add(Delivery.of(group, Delivery.Action.WITHHELD, List.of(), null, first.reason()));
            }
        }
        return deliveries;
    }

    private Delivery encrypted(MimeMessageParts parts, EmailAddress sender, Optional<EmailAddress> from,
                               List<EmailAddress> group, Map<EmailAddress, Decision> decisions) throws IOException {
        KeyType type = ((Decision.Encrypt) decisions.get(group.get(0))).key().type();
        List<RecipientKey> keys = new ArrayList<>();
        for (EmailAddress recipient : group) {
            keys.add(((Decision.Encrypt) decisions.get(recipient)).key());
        }
        Decision.Encrypt senderCopy = policy.senderCopy(sender, type);
        if (senderCopy != null && keys.stream().noneMatch(k -> k.summary().id().equals(senderCopy.key().summary().id()))) {
            keys.add(senderCopy.key());
        }
        InputStream entity = entity(parts, options.protectSubject());
        long entitySize = parts.bodyLength() + 4096L;
        Optional<Signing> signer = from.flatMap(address -> signers.find(address, type));
        if (signer.isPresent()) {
            Buffer signed = new Buffer((int) Math.min(Integer.MAX_VALUE - 1024L, entitySize + 65536));
            signer.get().sign(sevenBit(entity), signed);
            entity = new ByteArrayInputStream(signed.array(), 0, signed.size());
            entitySize = signed.size();
        }
        byte[] outer = outerHeaders(parts, options.protectSubject());
        // sized for base64 with line breaks (x 4/3 x 78/76, under x 1.4) so the buffer never has to grow
        Buffer message = new Buffer(outer.length + (int) Math.min(Integer.MAX_VALUE - 1024L,
                entitySize * 7 / 5 + 65536 + 4096L * keys.size()));
        message.write(outer);
        if (type == KeyType.SMIME) {
            smime.encrypt(entity, keys.stream().map(k -> ((RecipientKey.Smime) k).certificate()).toList(), message);
        } else {
            pgp.encrypt(entity, keys.stream().map(k -> (RecipientKey.Pgp) k).toList(), message);
        }
        return new Delivery(group, type == KeyType.SMIME ? Delivery.Action.ENCRYPTED_SMIME
                : Delivery.Action.ENCRYPTED_PGP, keys.stream().map(k -> k.summary().id()).toList(), message.array(),
                message.size(), null);
    }

    private Delivery plain(MimeMessageParts parts, Optional<EmailAddress> from, List<EmailAddress> group,
                           String reason) throws IOException {
        Optional<Signing> signer = from.flatMap(address -> signers.find(address, KeyType.SMIME)
                .or(() -> signers.find(address, KeyType.PGP)));
        Buffer message = new Buffer(parts.bodyLength() + 65536);
        message.write(outerHeaders(parts, false));
        if (signer.isPresent()) {
            signer.get().sign(sevenBit(entity(parts, false)), message);
            return new Delivery(group, Delivery.Action.SIGNED, List.of(), message.array(), message.size(), reason);
        }
        entity(parts, false).transferTo(message);
        return new Delivery(group, Delivery.Action.PLAIN, List.of(), message.array(), message.size(), reason);
    }

    private Delivery problemReport(MimeMessageParts parts, EmailAddress recipient, String reason) {
        StringBuilder text = new StringBuilder();
        text.append("A message for you could not be delivered: it must be sent encrypted, and no usable key was")
                .append(" found for your address.\r\n\r\n")
                .append("Why: ").append(reason).append("\r\n\r\n")
                .append("What to do: upload your S/MIME certificate or PGP key");
        if (!options.keyUploadUrl().isEmpty()) {
            text.append(" on your profile page: ").append(options.keyUploadUrl());
        }
        text.append(", or ask your administrator to add it. Messages sent after that will reach you encrypted.\r\n");
        if (!options.extraReportText().isEmpty()) {
            text.append("\r\n").append(options.extraReportText().replaceAll("\r?\n", "\r\n")).append("\r\n");
        }
        StringBuilder message = new StringBuilder();
        message.append(parts.field("From").orElseThrow().raw()).append("\r\n")
                .append("To: ").append(recipient.value()).append("\r\n")
                .append("Subject: Message could not be delivered encrypted\r\n")
                .append("Date: ").append(RFC_5322.format(clock.instant().atOffset(ZoneOffset.UTC))).append("\r\n")
                .append("Message-ID: <").append(UUID.randomUUID()).append("@mailseal.invalid>\r\n")
                .append("Auto-Submitted: auto-generated\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n")
                .append("Content-Transfer-Encoding: 8bit\r\n\r\n")
                .append(text);
        List<EmailAddress> to = new ArrayList<>(List.of(recipient));
        if (options.adminCopy() != null && !options.adminCopy().matches(recipient)) {
            to.add(options.adminCopy());
        }
        return Delivery.of(to, Delivery.Action.PROBLEM_REPORT, List.of(),
                message.toString().getBytes(StandardCharsets.UTF_8), reason);
    }

    /** What is signed must be 7-bit: 8-bit parts become quoted-printable or base64 first. */
    private static InputStream sevenBit(InputStream entity) throws IOException {
        try (entity) {
            return new ByteArrayInputStream(SevenBitEntity.encode(entity.readAllBytes()));
        }
    }

    /**
     * The entity to sign or encrypt; with subject protection it carries the protected headers (RFC 9788: the
     * {@code hp="cipher"} marker, the real header fields, and an {@code HP-Outer} field for each of them saying what
     * the outside shows; {@code protected-headers="v1"} as well for Thunderbird before 128). Not copied.
     */
    private InputStream entity(MimeMessageParts parts, boolean protect) {
        if (!protect) {
            return parts.entityStream();
        }
        StringBuilder head = new StringBuilder();
        boolean typed = false;
        for (MimeMessageParts.Field field : parts.fields()) {
            if (field.name().equalsIgnoreCase("Content-Type")) {
                head.append(field.raw().stripTrailing().replaceAll(";+$", "")).append(HP_PARAMETERS);
                typed = true;
            } else if (field.content()) {
                head.append(field.raw()).append("\r\n");
            }
        }
        if (!typed) {
            head.append("Content-Type: text/plain; charset=us-ascii").append(HP_PARAMETERS);
        }
        StringBuilder outer = new StringBuilder();
        for (MimeMessageParts.Field field : parts.fields()) {
            if (PROTECTED.contains(field.name().toLowerCase(Locale.ROOT))) {
                head.append(field.raw()).append("\r\n");
                outer.append("HP-Outer: ").append(field.name().equalsIgnoreCase("subject")
                        ? "Subject: " + options.neutralSubject() : field.raw()).append("\r\n");
            }
        }
        head.append(outer).append("\r\n");
        return new SequenceInputStream(new ByteArrayInputStream(head.toString().getBytes(StandardCharsets.ISO_8859_1)),
                parts.bodyStream());
    }

    /** The routing headers of the original: no Bcc, no Content-*, MIME-Version added if missing. */
    private byte[] outerHeaders(MimeMessageParts parts, boolean protect) {
        StringBuilder head = new StringBuilder();
        boolean mimeVersion = false;
        for (MimeMessageParts.Field field : parts.fields()) {
            String name = field.name().toLowerCase(Locale.ROOT);
            if (field.content() || name.equals("bcc")) {
                continue;
            }
            mimeVersion |= name.equals("mime-version");
            if (protect && name.equals("subject")) {
                head.append("Subject: ").append(options.neutralSubject()).append("\r\n");
            } else {
                head.append(field.raw()).append("\r\n");
            }
        }
        if (!mimeVersion) {
            head.append("MIME-Version: 1.0\r\n");
        }
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String groupOf(Decision decision) {
        if (decision instanceof Decision.Encrypt encrypt) {
            return "encrypt-" + encrypt.key().type();
        }
        return decision.getClass().getSimpleName();
    }

    private static MessageFacts facts(MimeMessageParts parts, EmailAddress sender) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (MimeMessageParts.Field field : parts.fields()) {
            headers.computeIfAbsent(field.name(), n -> new ArrayList<>()).add(decode(field.value()));
        }
        String subject = parts.field("Subject").map(f -> decode(f.value())).orElse("");
        return new MessageFacts(sender, subject, headers);
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return value;
        }
    }

    private static Set<String> visibleRecipients(MimeMessageParts parts) {
        Set<String> visible = new TreeSet<>();
        for (String name : List.of("To", "Cc")) {
            for (MimeMessageParts.Field field : parts.all(name)) {
                try {
                    for (InternetAddress address : InternetAddress.parseHeader(field.value(), false)) {
                        EmailAddress.find(address.getAddress()).ifPresent(a -> visible.add(a.canonical()));
                    }
                } catch (AddressException e) {
                    // an unreadable To or Cc hides nobody: recipients not found there get their own message
                }
            }
        }
        return visible;
    }

    private static Optional<EmailAddress> fromAddress(MimeMessageParts parts) {
        try {
            InternetAddress[] from = InternetAddress.parseHeader(parts.field("From").orElseThrow().value(), false);
            return from.length == 0 ? Optional.empty() : EmailAddress.find(from[0].getAddress());
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    /** A byte buffer whose array is handed over without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int capacity) {
            super(capacity);
        }

        byte[] array() {
            return buf;
        }
    }
}
