package io.mailseal.sandbox.demo;

import com.atlassian.mail.Email;
import com.atlassian.mail.MailException;
import com.atlassian.mail.server.MailServerManager;
import com.atlassian.mail.server.SMTPMailServer;
import io.mailseal.sandbox.host.DirectoryUser;
import io.mailseal.sandbox.host.LdapDirectory;
import io.mailseal.sandbox.web.AvatarServlet;
import io.mailseal.sandbox.web.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.activation.DataHandler;
import javax.mail.MessagingException;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

/**
 * Sends the notifications of a page edit the way Confluence's notification plugin does: one {@link Email} per
 * watcher (not to the editor), HTML with the editor's picture as an inline image ({@code multipart/related}, the
 * image by {@code Content-ID}), Confluence's notification headers, through
 * {@code MailServerManager.getDefaultSMTPMailServer().send(email)}. The send runs on the calling thread with the
 * host's class loader as the context class loader, as Confluence runs it with its web application's loader. A
 * {@link MailException} (Mailseal answers 451 when it holds mail back) is reported per recipient.
 *
 * <p>Thread-safe: stateless apart from thread-safe collaborators.
 */
public final class Notifications {

    /** The sender of every notification. */
    public static final String FROM = "confluence@example.com";

    private final MailServerManager mailServers;
    private final LdapDirectory users;
    private final String baseUrl;

    /**
     * Creates the sender.
     *
     * @param mailServers the host's mail server manager (Mailseal's hook is on its servers)
     * @param users       the directory, for the watchers' addresses
     * @param baseUrl     the sandbox's base URL, for links
     */
    public Notifications(MailServerManager mailServers, LdapDirectory users, String baseUrl) {
        this.mailServers = Objects.requireNonNull(mailServers, "mailServers");
        this.users = Objects.requireNonNull(users, "users");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /**
     * Notifies every watcher of a page but the editor.
     *
     * @param page   the page as saved
     * @param editor who edited it
     * @return one result per watcher notified
     */
    public List<Result> pageEdited(PageStore.Page page, DirectoryUser editor) {
        List<Result> results = new ArrayList<>();
        for (String watcher : page.watchers()) {
            if (watcher.equals(editor.username())) {
                continue;
            }
            Optional<DirectoryUser> user = users.byName(watcher);
            if (user.isEmpty() || user.get().email().isBlank()) {
                results.add(new Result(watcher, "", false, "no such user or no e-mail address"));
                continue;
            }
            results.add(send(page, editor, user.get()));
        }
        return results;
    }

    private Result send(PageStore.Page page, DirectoryUser editor, DirectoryUser watcher) {
        SMTPMailServer server = mailServers.getDefaultSMTPMailServer();
        if (server == null) {
            return new Result(watcher.username(), watcher.email(), false, "no SMTP server is configured");
        }
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(Notifications.class.getClassLoader());
        try {
            server.send(email(page, editor, watcher));
            return new Result(watcher.username(), watcher.email(), true, "sent");
        } catch (MailException e) {
            return new Result(watcher.username(), watcher.email(), false, e.getMessage());
        } catch (MessagingException e) {
            return new Result(watcher.username(), watcher.email(), false, "cannot build the mail: " + e.getMessage());
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private Email email(PageStore.Page page, DirectoryUser editor, DirectoryUser watcher) throws MessagingException {
        String pageUrl = baseUrl + "/pages/" + page.id();
        String html = "<html><head><meta charset=\"utf-8\"></head><body style=\"font-family: Arial, sans-serif;"
                + " color: #172b4d\"><table><tr><td><img src=\"cid:avatar-" + Html.escape(editor.username())
                + "\" alt=\"\" width=\"48\" height=\"48\"></td><td><strong>" + Html.escape(editor.fullName())
                + "</strong> edited the page<br><a href=\"" + Html.escape(pageUrl) + "\">"
                + Html.escape(page.title()) + "</a> in " + Html.escape(page.space()) + " (version " + page.version()
                + ")</td></tr></table><div style=\"margin-top: 12px; padding: 12px; border: 1px solid #dfe1e6\">"
                + paragraphs(page.body()) + "</div><p style=\"color: #6b778c; font-size: 12px\">You are watching this"
                + " page. <a href=\"" + Html.escape(pageUrl) + "\">Stop watching</a></p></body></html>";
        MimeBodyPart text = new MimeBodyPart();
        text.setContent(html, "text/html; charset=UTF-8");
        MimeBodyPart image = new MimeBodyPart();
        image.setDataHandler(new DataHandler(new ByteArrayDataSource(AvatarServlet.png(editor.username()),
                "image/png")));
        image.setContentID("<avatar-" + editor.username() + ">");
        image.setDisposition(MimeBodyPart.INLINE);
        image.setFileName(editor.username() + ".png");
        MimeMultipart related = new MimeMultipart("related");
        related.addBodyPart(text);
        related.addBodyPart(image);

        Email email = new Email(watcher.email());
        email.setFrom(FROM);
        email.setFromName(editor.fullName() + " (Confluence)");
        email.setSubject(page.space() + " > " + page.title());
        email.setMimeType("text/html");
        email.setEncoding("UTF-8");
        email.setMultipart(related);
        email.setMessageId("<CONFLUENCE." + page.id() + "." + page.version() + "." + UUID.randomUUID()
                + "@sandbox.mailseal.invalid>");
        email.addHeader("X-ATLASSIAN-NOTIFICATIONS-VERSION", "8.7.2");
        email.addHeader("Auto-Submitted", "auto-generated");
        return email;
    }

    private static String paragraphs(String body) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : body.split("\\r?\\n\\s*\\r?\\n")) {
            if (!paragraph.isBlank()) {
                html.append("<p>").append(Html.escape(paragraph.strip()).replaceAll("\\r?\\n", "<br>")).append("</p>");
            }
        }
        return html.toString();
    }

    /**
     * What happened to one watcher's notification.
     *
     * @param username the watcher
     * @param address  their address
     * @param sent     whether the host's mail server accepted it
     * @param message  "sent", or why not
     */
    public record Result(String username, String address, boolean sent, String message) {
    }
}
