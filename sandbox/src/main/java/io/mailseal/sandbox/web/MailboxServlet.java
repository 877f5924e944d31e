package io.mailseal.sandbox.web;

import io.mailseal.sandbox.mail.Mailbox;
import io.mailseal.sandbox.mail.StoredMail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The mailbox at {@code /mailbox} (system administrators only): every message the SMTP sink received, newest first,
 * with recipients, subject and kind (S/MIME or PGP encrypted, signed, plain, problem report); {@code /mailbox/<n>}
 * shows a message's raw source, {@code /mailbox/<n>.eml} downloads it.
 *
 * <p>Thread-safe: stateless; the mailbox is thread-safe.
 */
public final class MailboxServlet extends SandboxServlet {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    /** The longest source shown on the page; the download has all of it. */
    private static final int MAX_SHOWN = 512 * 1024;

    private final transient Mailbox mailbox;

    /**
     * Creates the page.
     *
     * @param web     the shared services
     * @param mailbox the messages
     */
    public MailboxServlet(Web web, Mailbox mailbox) {
        super(web);
        this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (requireAdmin(request, response).isEmpty()) {
            return;
        }
        String path = request.getPathInfo();
        if (path == null || path.equals("/")) {
            list(request, response);
            return;
        }
        boolean download = path.endsWith(".eml");
        String number = path.substring(1, download ? path.length() - 4 : path.length());
        Optional<StoredMail> mail;
        try {
            mail = mailbox.message(Long.parseLong(number));
        } catch (NumberFormatException e) {
            mail = Optional.empty();
        }
        if (mail.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            render(request, response, Layout.Page.of("No such message", Layout.ADMIN,
                    "<div class=\"aui-message aui-message-warning\"><p>The mailbox has no message "
                            + Html.escape(number) + ".</p></div>"));
            return;
        }
        byte[] raw = mailbox.raw(mail.get());
        if (download) {
            response.setContentType("message/rfc822");
            response.setHeader("Content-Disposition", "attachment; filename=\"message-" + mail.get().id() + ".eml\"");
            response.setContentLength(raw.length);
            response.getOutputStream().write(raw);
            return;
        }
        show(request, response, mail.get(), raw);
    }

    private void list(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<StoredMail> messages = mailbox.messages();
        StringBuilder body = new StringBuilder("<div class=\"aui-page-header\"><h1>Mailbox</h1></div><p>Every message"
                + " the sandbox's SMTP server received, newest first: what Mailseal's mail hook sent on.</p>");
        if (messages.isEmpty()) {
            body.append("<div class=\"aui-message aui-message-info\" id=\"mailbox-empty\"><p>No mail yet. Edit a"
                    + " page on the <a href=\"/pages\">Pages</a> screen to send notifications.</p></div>");
        } else {
            body.append("<table class=\"aui\" id=\"mailbox\"><thead><tr><th>#</th><th>Received</th><th>To</th>"
                    + "<th>Subject</th><th>Kind</th><th>Size</th><th></th></tr></thead><tbody>");
            for (StoredMail mail : messages) {
                body.append("<tr class=\"mail\" data-id=\"").append(mail.id()).append("\" data-kind=\"")
                        .append(mail.kind().name()).append("\"><td>").append(mail.id()).append("</td><td>")
                        .append(Html.escape(TIME.format(mail.received()))).append("</td><td class=\"recipients\">")
                        .append(Html.escape(String.join(", ", mail.recipients()))).append("</td><td>")
                        .append("<a href=\"/mailbox/").append(mail.id()).append("\">")
                        .append(Html.escape(mail.subject().isEmpty() ? "(no subject)" : mail.subject()))
                        .append("</a></td><td class=\"kind\"><span class=\"aui-lozenge ")
                        .append(lozenge(mail)).append("\">").append(Html.escape(mail.kind().label()))
                        .append("</span></td><td>").append(mail.size()).append(" bytes</td><td>")
                        .append("<a href=\"/mailbox/").append(mail.id()).append(".eml\" download>.eml</a></td></tr>");
            }
            body.append("</tbody></table>");
        }
        render(request, response, Layout.Page.of("Mailbox", Layout.ADMIN, body.toString()));
    }

    private void show(HttpServletRequest request, HttpServletResponse response, StoredMail mail, byte[] raw)
            throws IOException {
        String source = new String(raw, 0, Math.min(raw.length, MAX_SHOWN), StandardCharsets.ISO_8859_1);
        StringBuilder body = new StringBuilder("<div class=\"aui-page-header\"><h1>")
                .append(Html.escape(mail.subject().isEmpty() ? "(no subject)" : mail.subject()))
                .append("</h1></div><table class=\"aui\" id=\"message\"><tbody>")
                .append("<tr><th>Kind</th><td><span class=\"aui-lozenge ").append(lozenge(mail)).append("\">")
                .append(Html.escape(mail.kind().label())).append("</span></td></tr>")
                .append("<tr><th>Envelope from</th><td>").append(Html.escape(mail.from())).append("</td></tr>")
                .append("<tr><th>Envelope to</th><td>").append(Html.escape(String.join(", ", mail.recipients())))
                .append("</td></tr><tr><th>Received</th><td>").append(Html.escape(TIME.format(mail.received())))
                .append("</td></tr><tr><th>Size</th><td>").append(mail.size()).append(" bytes</td></tr></tbody>")
                .append("</table><p><a class=\"aui-button\" href=\"/mailbox/").append(mail.id())
                .append(".eml\" download id=\"download\">Download .eml</a> <a class=\"aui-button aui-button-link\""
                        + " href=\"/mailbox\">Back to the mailbox</a></p><h2>Source</h2><pre id=\"source\""
                        + " class=\"sandbox-source\">")
                .append(Html.escape(source));
        if (raw.length > MAX_SHOWN) {
            body.append("\n[... ").append(raw.length - MAX_SHOWN).append(" more bytes in the download]");
        }
        body.append("</pre>");
        render(request, response, Layout.Page.of("Message " + mail.id(), Layout.ADMIN, body.toString()));
    }

    private static String lozenge(StoredMail mail) {
        return switch (mail.kind()) {
            case SMIME_ENCRYPTED, PGP_ENCRYPTED -> "aui-lozenge-success";
            case SIGNED -> "aui-lozenge-current";
            case PROBLEM_REPORT -> "aui-lozenge-moved";
            case PLAIN -> "aui-lozenge-removed";
        };
    }
}
