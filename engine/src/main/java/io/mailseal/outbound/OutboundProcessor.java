package io.mailseal.outbound;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.RecipientKey;
import io.mailseal.packaging.MessageContent;
import io.mailseal.packaging.ProtectedPdf;
import io.mailseal.packaging.ProtectedZip;
import io.mailseal.policy.Decision;
import io.mailseal.policy.MessageFacts;
import io.mailseal.policy.PolicyEngine;
import io.mailseal.policy.RuleTreatment;
import io.mailseal.rules.Groups;
import io.mailseal.rules.RuleSet;
import io.mailseal.settings.Secret;
import io.mailseal.store.ContentPasswordStore;
import io.mailseal.store.GroupStore;
import io.mailseal.store.RuleSetStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
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

    /**
     * The live rules, the groups they name, and the recipients' content passwords, asked once per message.
     *
     * <p>Immutable; thread-safe if the suppliers are.
     *
     * @param ruleSet   the live rule set ({@link RuleSet#EMPTY}: the global policy unchanged)
     * @param groups    the live groups; asked only if a rule names a group
     * @param passwords the recipients' own content passwords (for {@code pdf}/{@code zip} without a password)
     */
    public record Rules(Supplier<RuleSet> ruleSet, Supplier<Groups> groups, ContentPasswords passwords) {

        /** No rules: every message under the global policy. */
        public static final Rules NONE = new Rules(() -> RuleSet.EMPTY, Groups::empty, recipient -> Optional.empty());

        /** Validates. */
        public Rules {
            Objects.requireNonNull(ruleSet, "ruleSet");
            Objects.requireNonNull(groups, "groups");
            Objects.requireNonNull(passwords, "passwords");
        }

        /**
         * The rules of the stores.
         *
         * @param rules     the live rule set
         * @param groups    the live groups
         * @param passwords the content passwords
         * @return the rules, read from the stores on every message
         */
        public static Rules of(RuleSetStore rules, GroupStore groups, ContentPasswordStore passwords) {
            return new Rules(rules::live, groups::groups, passwords::find);
        }
    }

    /** A recipient's own content password (see {@link ContentPasswordStore}). */
    @FunctionalInterface
    public interface ContentPasswords {
        /**
         * The password.
         *
         * @param recipient the recipient
         * @return it, or empty if none is set
         */
        Optional<Secret> find(EmailAddress recipient);
    }

    /**
     * Our certificate or public key as an attachment ({@code atk}).
     *
     * @param fileName    e.g. {@code wiki@example.com.cer}
     * @param contentType e.g. {@code application/pkix-cert} or {@code application/pgp-keys}
     * @param content     the DER certificate or the armored public key
     */
    public record KeyFile(String fileName, String contentType, byte[] content) {

        /** Validates. */
        public KeyFile {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(contentType, "contentType");
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
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

        /**
         * Whether mail is signed without a rule asking for it ({@code signing.enabled}); rules with {@code ss} or
         * {@code fs} sign with the identities either way.
         *
         * @return true by default
         */
        default boolean signsByDefault() {
            return true;
        }

        /**
         * The public part of the identity that {@link #find} gives, for {@code atk}.
         *
         * @param from the address whose identity it is
         * @param type S/MIME (a certificate) or PGP (a public key)
         * @return the file, or empty if there is no such identity
         */
        default Optional<KeyFile> publicKey(EmailAddress from, KeyType type) {
            return Optional.empty();
        }

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

    /** The sender rules see when a message has neither a readable From address nor an envelope sender. */
    private static final EmailAddress UNKNOWN_SENDER = EmailAddress.parse("unknown-sender@mailseal.invalid");
    private static final String NOTICE_SUBJECT = "New content for you in Confluence";
    private static final Map<Delivery.Action, String> ACTION_TEXT = actionTexts();

    /** What the policy and the applying rule decided for one recipient. */
    private record Plan(Decision decision, RuleTreatment rule) {
    }

    /** A MIME entity other than the original's: its Content-* fields and its body. */
    private record Content(List<String> fields, Supplier<InputStream> body, long length) {
    }

    private final PolicyEngine policy;
    private final Rules rules;
    private final ProtectedPdf pdf;
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
        this(policy, Rules.NONE, smime, pgp, signers, options, clock, new SecureRandom());
    }

    /**
     * Creates the processor with rules.
     *
     * @param policy  decides per recipient
     * @param rules   the live rules and groups, and the content passwords ({@link Rules#NONE} for none)
     * @param smime   S/MIME encryption
     * @param pgp     PGP/MIME encryption
     * @param signers signing identities by address
     * @param options subject protection and problem report texts
     * @param clock   time for notices' Date
     * @param random  for the protected PDF's owner password
     */
    public OutboundProcessor(PolicyEngine policy, Rules rules, SmimeEncryption smime, PgpEncryption pgp,
                             Signers signers, Options options, Clock clock, RandomGenerator random) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.pdf = new ProtectedPdf(random);
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
        Optional<EmailAddress> from = fromAddress(parts);
        RuleSet ruleSet;
        try {
            ruleSet = rules.ruleSet().get();
        } catch (RuntimeException e) {
            // the live rules decide what may leave: without them nothing is sent, and Confluence retries
            return new Outcome.Retry("the live rule set cannot be read, nothing was sent: " + e);
        }
        EmailAddress ruleSender = from.orElse(sender == null ? UNKNOWN_SENDER : sender);
        Function<EmailAddress, Set<String>> groupsOf = groupsOnDemand();

        Map<EmailAddress, Plan> plans = new LinkedHashMap<>();
        for (EmailAddress recipient : recipients) {
            RuleTreatment rule;
            try {
                rule = ruleSet.rules().isEmpty() ? RuleTreatment.NONE
                        : RuleTreatment.of(ruleSet.firstMatch(ruleSender, recipient, groupsOf));
            } catch (RuntimeException e) {
                return new Outcome.Retry("the groups of the live rules cannot be read, nothing was sent: " + e);
            }
            Decision decision = policy.decide(facts, recipient, rule);
            if (decision instanceof Decision.Retry retry) {
                return new Outcome.Retry(retry.reason());
            }
            plans.put(recipient, new Plan(decision, rule));
        }
        forceEncryption(plans);
        try {
            List<Delivery> deliveries = deliveries(parts, sender, from, plans, visible);
            senderNotice(parts, sender, from, plans, deliveries).ifPresent(deliveries::add);
            return new Outcome.Processed(deliveries);
        } catch (IOException | RuntimeException e) {
            return new Outcome.Retry("a delivery could not be built, nothing was sent: " + e);
        }
    }

    /**
     * Which rule applies to a sender and a recipient of the live rule set, and what the policy would decide for the
     * recipient under it (for the admin's "verify settings"). The decision is for a message without subject or
     * header fields, so an exemption that looks at them does not show; keys are looked up as for mail (cached).
     *
     * @param from the sender (as the From address of a mail)
     * @param to   the recipient
     * @return the rule (or none) and the decision
     */
    public RuleCheck check(EmailAddress from, EmailAddress to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        RuleSet ruleSet = rules.ruleSet().get();
        Optional<io.mailseal.rules.RuleMatch> match = ruleSet.rules().isEmpty() ? Optional.empty()
                : ruleSet.firstMatch(from, to, groupsOnDemand());
        RuleTreatment rule = RuleTreatment.of(match);
        return new RuleCheck(from, to, ruleSet.rules().size(), match, policy.decide(new MessageFacts(from, "",
                Map.of()), to, rule));
    }

    /** The live groups, read once per message and only if a rule names a group. */
    private Function<EmailAddress, Set<String>> groupsOnDemand() {
        return new Function<>() {
            private Groups groups;

            @Override
            public Set<String> apply(EmailAddress address) {
                if (groups == null) {
                    groups = rules.groups().get();
                }
                return groups.groupsOf(address);
            }
        };
    }

    /**
     * {@code fe}: if a recipient whose rule forces encryption gets neither the message encrypted nor a protected
     * substitute (swm, pdf, zip), every other recipient of the message is withheld too.
     */
    private static void forceEncryption(Map<EmailAddress, Plan> plans) {
        List<EmailAddress> lacking = new ArrayList<>();
        RuleTreatment forcing = null;
        for (Map.Entry<EmailAddress, Plan> entry : plans.entrySet()) {
            Plan plan = entry.getValue();
            if (plan.rule().encryption() == RuleTreatment.Encryption.FORCE
                    && (plan.decision() instanceof Decision.Withhold
                    || plan.decision() instanceof Decision.ProblemReport)) {
                lacking.add(entry.getKey());
                forcing = forcing == null ? plan.rule() : forcing;
            }
        }
        if (lacking.isEmpty()) {
            return;
        }
        String reason = forcing.label() + ": fe: " + lacking.stream().map(EmailAddress::value)
                .collect(Collectors.joining(", ")) + " cannot get it encrypted, so no recipient gets the message";
        for (Map.Entry<EmailAddress, Plan> entry : plans.entrySet()) {
            if (!lacking.contains(entry.getKey())) {
                entry.setValue(new Plan(new Decision.Withhold(reason), entry.getValue().rule()));
            }
        }
    }

    private List<Delivery> deliveries(MimeMessageParts parts, EmailAddress sender, Optional<EmailAddress> from,
                                      Map<EmailAddress, Plan> plans, Set<String> visible) throws IOException {
        Map<String, List<EmailAddress>> groups = new LinkedHashMap<>();
        for (Map.Entry<EmailAddress, Plan> entry : plans.entrySet()) {
            EmailAddress recipient = entry.getKey();
            Decision decision = entry.getValue().decision();
            boolean alone = !visible.contains(recipient.canonical())
                    || decision instanceof Decision.ProblemReport || decision instanceof Decision.Packaged;
            String group = groupOf(decision) + "|" + entry.getValue().rule().match().map(m -> m.number()).orElse(0)
                    + (alone ? "|" + recipient.canonical() : "");
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(recipient);
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (List<EmailAddress> group : groups.values()) {
            deliveries.add(delivery(parts, sender, from, group, plans));
        }
        return deliveries;
    }

    private Delivery delivery(MimeMessageParts parts, EmailAddress sender, Optional<EmailAddress> from,
                              List<EmailAddress> group, Map<EmailAddress, Plan> plans) throws IOException {
        Plan plan = plans.get(group.get(0));
        Decision decision = plan.decision();
        RuleTreatment rule = plan.rule();
        if (decision instanceof Decision.ProblemReport) {
            return problemReport(parts, group.get(0), decision.reason(), NO_KEY);
        }
        if (decision instanceof Decision.Untouched) {
            Buffer message = new Buffer(parts.bodyLength() + 65536);
            message.write(outerHeaders(parts, false));
            parts.entityStream().transferTo(message);
            return new Delivery(group, Delivery.Action.PLAIN, List.of(), message.array(), message.size(),
                    decision.reason());
        }
        if (!(decision instanceof Decision.Encrypt || decision instanceof Decision.Exempt
                || decision instanceof Decision.SendPlain || decision instanceof Decision.WebNotice
                || decision instanceof Decision.Packaged)) {
            return Delivery.of(group, Delivery.Action.WITHHELD, List.of(), null, decision.reason());
        }
        KeyType type = decision instanceof Decision.Encrypt encrypt ? encrypt.key().type() : null;
        String reason = decision instanceof Decision.Encrypt ? rule.match().map(m -> rule.label()).orElse(null)
                : decision.reason();
        Content content;
        Delivery.Action action = null;
        if (decision instanceof Decision.WebNotice) {
            content = webNotice(parts);
            action = Delivery.Action.WEB_NOTICE;
        } else if (decision instanceof Decision.Packaged packaged) {
            EmailAddress recipient = group.get(0);
            Optional<Secret> password = rule.password().isEmpty() ? rules.passwords().find(recipient)
                    .filter(secret -> !secret.isEmpty()) : Optional.of(rule.password());
            String format = packaged.format() == RuleTreatment.Delivery.PDF ? "PDF" : "ZIP";
            if (password.isEmpty()) {
                return problemReport(parts, recipient, decision.reason() + "; no password for the " + format
                        + ": the rule sets none and " + recipient.value() + " has set no content password",
                        new ReportText("it is to be sent as a password-protected " + format + ", and no password is"
                                + " set for your address", "set a content password",
                                "Messages sent after that will reach you as a protected " + format + ".",
                                "Message could not be delivered as a protected " + format));
            }
            content = packaged(parts, packaged.format(), password.get());
            action = packaged.format() == RuleTreatment.Delivery.PDF ? Delivery.Action.PDF : Delivery.Action.ZIP;
        } else {
            content = null;
        }
        Optional<EmailAddress> signAs = rule.signer().or(() -> from);
        Optional<Signing> signer = Optional.empty();
        if (signAs.isPresent() && (rule.signing() != RuleTreatment.Signing.GLOBAL || signers.signsByDefault())) {
            signer = identity(signAs.get(), type, signers::find);
        }
        if (rule.signing() == RuleTreatment.Signing.FORCE && signer.isEmpty()) {
            return Delivery.of(group, Delivery.Action.WITHHELD, List.of(), null, rule.label() + ": fs: no signing"
                    + " identity for " + signAs.map(EmailAddress::value).orElse("the sender (no From address)")
                    + ", and the message must not go out unsigned");
        }
        if (rule.attachKey() && signAs.isPresent()) {
            Optional<KeyFile> key = identity(signAs.get(), type, signers::publicKey);
            if (key.isPresent()) {
                content = withKey(content == null ? original(parts) : content, key.get());
            }
        }
        boolean protect = options.protectSubject() && type != null;
        InputStream entity = content == null ? entity(parts, protect) : entity(parts, content, protect);
        long entitySize = (content == null ? parts.bodyLength() : content.length()) + 4096L;
        if (signer.isPresent()) {
            Buffer signed = new Buffer((int) Math.min(Integer.MAX_VALUE - 1024L, entitySize + 65536));
            signer.get().sign(sevenBit(entity), signed);
            entity = new ByteArrayInputStream(signed.array(), 0, signed.size());
            entitySize = signed.size();
        }
        byte[] outer = action == Delivery.Action.WEB_NOTICE ? outerHeaders(parts, true, NOTICE_SUBJECT)
                : outerHeaders(parts, protect || action != null && options.protectSubject());
        if (type == null) {
            Buffer message = new Buffer(outer.length + (int) Math.min(Integer.MAX_VALUE - 1024L, entitySize + 4096));
            message.write(outer);
            entity.transferTo(message);
            return new Delivery(group, action != null ? action : signer.isPresent() ? Delivery.Action.SIGNED
                    : Delivery.Action.PLAIN, List.of(), message.array(), message.size(), reason);
        }
        List<RecipientKey> keys = new ArrayList<>();
        for (EmailAddress recipient : group) {
            keys.add(((Decision.Encrypt) plans.get(recipient).decision()).key());
        }
        Decision.Encrypt senderCopy = policy.senderCopy(sender, type);
        if (senderCopy != null && keys.stream().noneMatch(k -> k.summary().id().equals(senderCopy.key().summary().id()))) {
            keys.add(senderCopy.key());
        }
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
                message.size(), reason);
    }

    /** The identity for a kind of message: that kind's, or for a message not encrypted S/MIME's, else PGP's. */
    private static <T> Optional<T> identity(EmailAddress address, KeyType type,
                                            java.util.function.BiFunction<EmailAddress, KeyType, Optional<T>> find) {
        return type != null ? find.apply(address, type)
                : find.apply(address, KeyType.SMIME).or(() -> find.apply(address, KeyType.PGP));
    }

    /** The original's MIME entity: its Content-* fields and body. */
    private static Content original(MimeMessageParts parts) {
        return new Content(parts.fields().stream().filter(MimeMessageParts.Field::content)
                .map(MimeMessageParts.Field::raw).toList(), parts::bodyStream, parts.bodyLength());
    }

    /** {@code swm}: a plain notice without any of the content, with the link to the content in Confluence. */
    private Content webNotice(MimeMessageParts parts) {
        Optional<String> link = MessageContent.read(eml(parts)).link();
        StringBuilder text = new StringBuilder("You have a new notification from Confluence. For your protection its")
                .append(" content is not sent by e-mail.\r\n\r\n");
        if (link.isPresent()) {
            text.append("Read it in Confluence: ").append(link.get()).append("\r\n");
        } else {
            text.append("Read it in Confluence (the notification carried no link to it).\r\n");
        }
        return textContent(text.toString());
    }

    /** {@code pdf}/{@code zip}: a short text and the content as a password-protected attachment. */
    private Content packaged(MimeMessageParts parts, RuleTreatment.Delivery format, Secret password) {
        byte[] original = eml(parts);
        char[] secret = password.reveal().toCharArray();
        byte[] file;
        String name;
        String contentType;
        if (format == RuleTreatment.Delivery.PDF) {
            MessageContent content = MessageContent.read(original);
            List<String> lines = new ArrayList<>();
            lines.add("Subject: " + content.subject());
            parts.field("From").ifPresent(f -> lines.add("From: " + decode(f.value())));
            parts.field("Date").ifPresent(f -> lines.add("Date: " + f.value().strip()));
            lines.add("");
            lines.addAll(List.of(content.text().split("\n", -1)));
            if (!content.attachments().isEmpty()) {
                lines.add("");
                lines.add("Attachments (not in this PDF): " + String.join(", ", content.attachments()));
            }
            file = pdf.write(lines, secret);
            name = "message.pdf";
            contentType = "application/pdf";
        } else {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("message.eml", original);
            file = ProtectedZip.write(entries, secret);
            name = "message.zip";
            contentType = "application/zip";
        }
        java.util.Arrays.fill(secret, '\0');
        String boundary = boundary();
        String head = "--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n"
                + "The content of this message is in the attached " + name + ", protected with a password: the one"
                + " agreed with you, or the content password you set on your profile page.\r\n\r\n";
        byte[] body = (head + attachmentPart(boundary, contentType, name, file) + "--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        return new Content(List.of("Content-Type: multipart/mixed; boundary=\"" + boundary + "\""),
                () -> new ByteArrayInputStream(body), body.length);
    }

    /** {@code atk}: the content and our certificate or public key, as multipart/mixed. */
    private static Content withKey(Content content, KeyFile key) {
        String boundary = boundary();
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n");
        content.fields().forEach(field -> head.append(field).append("\r\n"));
        head.append("\r\n");
        byte[] prefix = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] suffix = ("\r\n" + attachmentPart(boundary, key.contentType(), key.fileName(), key.content()) + "--"
                + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return new Content(List.of("Content-Type: multipart/mixed; boundary=\"" + boundary + "\""),
                () -> new SequenceInputStream(new ByteArrayInputStream(prefix), new SequenceInputStream(
                        content.body().get(), new ByteArrayInputStream(suffix))),
                prefix.length + content.length() + suffix.length);
    }

    private static String attachmentPart(String boundary, String contentType, String name, byte[] data) {
        return "--" + boundary + "\r\nContent-Type: " + contentType + "; name=\"" + name + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + name + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(data) + "\r\n";
    }

    private static Content textContent(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return new Content(List.of("Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit"),
                () -> new ByteArrayInputStream(body), body.length);
    }

    private static String boundary() {
        return "mailseal-" + UUID.randomUUID();
    }

    /** The original as a file: its routing headers (no Bcc) and its entity. */
    private byte[] eml(MimeMessageParts parts) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(parts.bodyLength() + 4096);
            out.write(outerHeaders(parts, false));
            parts.entityStream().transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code notify}: one notice to the sender listing what was done for each recipient whose rule asks for it. */
    private Optional<Delivery> senderNotice(MimeMessageParts parts, EmailAddress sender, Optional<EmailAddress> from,
                                            Map<EmailAddress, Plan> plans, List<Delivery> deliveries) {
        Optional<EmailAddress> to = from.or(() -> Optional.ofNullable(sender));
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<EmailAddress, Plan> entry : plans.entrySet()) {
            if (!entry.getValue().rule().notifySender()) {
                continue;
            }
            Delivery done = deliveries.stream().filter(d -> d.recipients().contains(entry.getKey())).findFirst()
                    .orElseThrow();
            lines.append("- ").append(entry.getKey().value()).append(": ").append(ACTION_TEXT.get(done.action()));
            if (done.reason() != null) {
                lines.append(" (").append(done.reason()).append(')');
            }
            lines.append("\r\n");
        }
        if (lines.length() == 0 || to.isEmpty()) {
            return Optional.empty();
        }
        String messageId = parts.field("Message-ID").map(f -> f.value().strip()).orElse("(none)");
        String text = "Mailseal handled your message " + messageId + " as follows:\r\n\r\n" + lines;
        return Optional.of(Delivery.of(List.of(to.get()), Delivery.Action.SENDER_NOTICE, List.of(),
                notice(parts, to.get(), "What Mailseal did with your message", text), "notify"));
    }

    /** A plain-text message of Mailseal's own, from the original's From, without any of its content. */
    private byte[] notice(MimeMessageParts parts, EmailAddress to, String subject, CharSequence text) {
        StringBuilder message = new StringBuilder();
        message.append(parts.field("From").orElseThrow().raw()).append("\r\n")
                .append("To: ").append(to.value()).append("\r\n")
                .append("Subject: ").append(subject).append("\r\n")
                .append("Date: ").append(RFC_5322.format(clock.instant().atOffset(ZoneOffset.UTC))).append("\r\n")
                .append("Message-ID: <").append(UUID.randomUUID()).append("@mailseal.invalid>\r\n")
                .append("Auto-Submitted: auto-generated\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n")
                .append("Content-Transfer-Encoding: 8bit\r\n\r\n")
                .append(text);
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What a problem report says: what was wrong, what to do, and what follows.
     *
     * @param why   after "could not be delivered: "
     * @param todo  after "What to do: "; the profile page's link follows if known
     * @param after   after ", or ask your administrator to add it."
     * @param subject the report's Subject
     */
    private record ReportText(String why, String todo, String after, String subject) {
    }

    private static final ReportText NO_KEY = new ReportText("it must be sent encrypted, and no usable key was found"
            + " for your address", "upload your S/MIME certificate or PGP key",
            "Messages sent after that will reach you encrypted.", "Message could not be delivered encrypted");

    private Delivery problemReport(MimeMessageParts parts, EmailAddress recipient, String reason, ReportText what) {
        StringBuilder text = new StringBuilder();
        text.append("A message for you could not be delivered: ").append(what.why()).append(".\r\n\r\n")
                .append("Why: ").append(reason).append("\r\n\r\n")
                .append("What to do: ").append(what.todo());
        if (!options.keyUploadUrl().isEmpty()) {
            text.append(" on your profile page: ").append(options.keyUploadUrl());
        }
        text.append(", or ask your administrator to add it. ").append(what.after()).append("\r\n");
        if (!options.extraReportText().isEmpty()) {
            text.append("\r\n").append(options.extraReportText().replaceAll("\r?\n", "\r\n")).append("\r\n");
        }
        byte[] message = notice(parts, recipient, what.subject(), text);
        List<EmailAddress> to = new ArrayList<>(List.of(recipient));
        if (options.adminCopy() != null && !options.adminCopy().matches(recipient)) {
            to.add(options.adminCopy());
        }
        return Delivery.of(to, Delivery.Action.PROBLEM_REPORT, List.of(), message, reason);
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
        return protect ? entity(parts, original(parts), true) : parts.entityStream();
    }

    /** The entity of other content (a notice, a packaged file, the content with our key), as above. */
    private InputStream entity(MimeMessageParts parts, Content content, boolean protect) {
        StringBuilder head = new StringBuilder();
        boolean typed = false;
        for (String field : content.fields()) {
            if (field.regionMatches(true, 0, "Content-Type:", 0, 13)) {
                head.append(protect ? field.stripTrailing().replaceAll(";+$", "") + HP_PARAMETERS : field + "\r\n");
                typed = true;
            } else {
                head.append(field).append("\r\n");
            }
        }
        if (protect) {
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
            head.append(outer);
        }
        head.append("\r\n");
        return new SequenceInputStream(new ByteArrayInputStream(head.toString().getBytes(StandardCharsets.ISO_8859_1)),
                content.body().get());
    }

    /** The routing headers of the original: no Bcc, no Content-*, MIME-Version added if missing. */
    private byte[] outerHeaders(MimeMessageParts parts, boolean protect) {
        return outerHeaders(parts, protect, null);
    }

    /**
     * The routing headers; with {@code protect} the Subject is replaced by {@code subject} (the neutral subject if
     * null), and a given subject is added if the original has none.
     */
    private byte[] outerHeaders(MimeMessageParts parts, boolean protect, String subject) {
        StringBuilder head = new StringBuilder();
        boolean mimeVersion = false;
        boolean subjectWritten = false;
        for (MimeMessageParts.Field field : parts.fields()) {
            String name = field.name().toLowerCase(Locale.ROOT);
            if (field.content() || name.equals("bcc")) {
                continue;
            }
            mimeVersion |= name.equals("mime-version");
            if (protect && name.equals("subject")) {
                head.append("Subject: ").append(subject == null ? options.neutralSubject() : subject).append("\r\n");
                subjectWritten = true;
            } else {
                head.append(field.raw()).append("\r\n");
            }
        }
        if (protect && subject != null && !subjectWritten) {
            head.append("Subject: ").append(subject).append("\r\n");
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

    private static Map<Delivery.Action, String> actionTexts() {
        Map<Delivery.Action, String> texts = new java.util.EnumMap<>(Delivery.Action.class);
        texts.put(Delivery.Action.ENCRYPTED_SMIME, "sent encrypted with S/MIME");
        texts.put(Delivery.Action.ENCRYPTED_PGP, "sent encrypted with PGP");
        texts.put(Delivery.Action.SIGNED, "sent signed, not encrypted");
        texts.put(Delivery.Action.PLAIN, "sent unencrypted");
        texts.put(Delivery.Action.PROBLEM_REPORT, "not sent; the recipient got a problem report");
        texts.put(Delivery.Action.WITHHELD, "not sent");
        texts.put(Delivery.Action.WEB_NOTICE, "sent a notice with a link to the content in Confluence");
        texts.put(Delivery.Action.PDF, "sent as a password-protected PDF");
        texts.put(Delivery.Action.ZIP, "sent as a password-protected ZIP");
        texts.put(Delivery.Action.SENDER_NOTICE, "sent a notice to the sender");
        return Map.copyOf(texts);
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
