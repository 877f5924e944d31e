package io.mailseal.packaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

/**
 * The readable content of one message: its text (the first {@code text/plain} part, else the first
 * {@code text/html} part turned into plain text), the names of its attachments, and the link to the content in
 * Confluence that {@code swm} notices carry.
 *
 * <p>Immutable and thread-safe.
 *
 * @param subject     the decoded Subject, or "" if none
 * @param text        the text, lines ending in {@code \n}; "" if the message has no text part
 * @param attachments file names of parts that are attachments, in message order
 * @param link        the content's link in Confluence, if one was found (see {@link #read})
 */
public record MessageContent(String subject, String text, List<String> attachments, Optional<String> link) {

    /**
     * The header a mail producer may set to name the content's link explicitly; it wins over the HTML heuristic.
     */
    public static final String LINK_HEADER = "X-Mailseal-Content-Link";

    private static final Pattern HREF = Pattern.compile("(?i)<a\\s[^>]*?href\\s*=\\s*[\"']([^\"'\\s>]+)[\"']");
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"']+");
    private static final Pattern CONFLUENCE_PATH = Pattern.compile(
            "(?i)/(pages/viewpage\\.action|display/|spaces/[^/]+/(pages|blog|overview)|pages/|x/)");

    /** Copies. */
    public MessageContent {
        attachments = List.copyOf(attachments);
    }

    /**
     * Reads a message. The link is, in order: the {@value #LINK_HEADER} header if it holds an http(s) URL; the
     * first {@code href} of the HTML part that points into Confluence content (a path with {@code /pages/},
     * {@code /display/}, {@code /spaces/KEY/pages|blog|overview} or {@code /x/}); the first such URL in the plain
     * text. Anything else (a mailto:, a script, an unsubscribe link to a settings page) is never taken.
     *
     * @param message the RFC 5322 bytes
     * @return the content; an unreadable message gives empty text and no link
     */
    public static MessageContent read(byte[] message) {
        try {
            MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(message));
            String subject = Optional.ofNullable(parsed.getSubject()).orElse("");
            Walk walk = new Walk();
            walk.visit(parsed);
            Optional<String> link = Optional.ofNullable(parsed.getHeader(LINK_HEADER, null)).map(String::strip)
                    .filter(value -> value.matches("(?i)https?://\\S+"));
            if (link.isEmpty() && walk.html != null) {
                link = confluenceLink(HREF.matcher(walk.html), 1);
            }
            if (link.isEmpty() && walk.plain != null) {
                link = confluenceLink(URL.matcher(walk.plain), 0);
            }
            String text = walk.plain != null ? normalise(walk.plain) : walk.html != null ? htmlToText(walk.html) : "";
            return new MessageContent(subject, text, walk.attachments, link.map(MessageContent::unescape));
        } catch (MessagingException | IOException | RuntimeException e) {
            return new MessageContent("", "", List.of(), Optional.empty());
        }
    }

    private static Optional<String> confluenceLink(Matcher matcher, int group) {
        while (matcher.find()) {
            String url = matcher.group(group);
            if (url.toLowerCase(Locale.ROOT).matches("https?://.*") && CONFLUENCE_PATH.matcher(url).find()) {
                return Optional.of(url);
            }
        }
        return Optional.empty();
    }

    /**
     * A simple HTML-to-text conversion: scripts and styles dropped, block ends and {@code <br>} become line ends,
     * tags removed, the common entities and numeric references decoded, runs of blank lines collapsed.
     *
     * @param html the HTML
     * @return the text
     */
    public static String htmlToText(String html) {
        String text = html.replaceAll("(?is)<(script|style|head)\\b.*?</\\1\\s*>", "")
                .replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("(?i)</(p|div|tr|li|h[1-6]|table|blockquote|pre)\\s*>", "\n")
                .replaceAll("(?i)<li\\b[^>]*>", "- ")
                .replaceAll("(?i)</t[dh]\\s*>", "\t")
                .replaceAll("(?s)<[^>]*>", "");
        return normalise(unescape(text));
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        Matcher entity = Pattern.compile("&(#\\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});").matcher(text);
        while (entity.find()) {
            String name = entity.group(1);
            String replacement;
            if (name.startsWith("#x") || name.startsWith("#X")) {
                replacement = codePoint(Integer.parseInt(name.substring(2), 16));
            } else if (name.startsWith("#")) {
                replacement = codePoint(Integer.parseInt(name.substring(1)));
            } else {
                replacement = switch (name.toLowerCase(Locale.ROOT)) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    case "nbsp" -> " ";
                    default -> entity.group();
                };
            }
            entity.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        entity.appendTail(out);
        return out.toString();
    }

    private static String codePoint(int value) {
        return Character.isValidCodePoint(value) ? new String(Character.toChars(value)) : "?";
    }

    private static String normalise(String text) {
        String unix = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(unix.length());
        int blank = 0;
        for (String line : unix.split("\n", -1)) {
            String stripped = line.stripTrailing();
            if (stripped.isBlank()) {
                if (++blank > 1 || out.length() == 0) {
                    continue;
                }
                out.append('\n');
            } else {
                blank = 0;
                out.append(stripped).append('\n');
            }
        }
        return out.toString().stripTrailing() + (out.length() == 0 ? "" : "\n");
    }

    /** Depth-first over the parts: the first plain and HTML body, and every attachment's name. */
    private static final class Walk {
        private String plain;
        private String html;
        private final List<String> attachments = new ArrayList<>();

        void visit(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    visit(child);
                }
                return;
            }
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                    || part.getFileName() != null && !part.isMimeType("text/*");
            if (attachment) {
                attachments.add(part.getFileName() == null ? "(unnamed)" : part.getFileName());
            } else if (part.isMimeType("text/plain") && plain == null) {
                plain = String.valueOf(part.getContent());
            } else if (part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
            }
        }
    }
}
