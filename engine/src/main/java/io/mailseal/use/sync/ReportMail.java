package io.mailseal.use.sync;

import io.mailseal.keys.EmailAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import javax.activation.DataHandler;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

/**
 * Builds the reports' mails: {@code multipart/mixed}, the text, then the attachments, with JavaMail's own class loader
 * as the context class loader while building (whatever thread runs the sync). Stateless, thread-safe.
 */
final class ReportMail {

    private ReportMail() {
    }

    /**
     * A report mail as RFC 5322 bytes (CRLF line ends).
     *
     * @throws IllegalStateException if JavaMail cannot build it (a programming error)
     */
    static byte[] build(EmailAddress from, List<EmailAddress> to, List<EmailAddress> bcc, String subject, String text,
                        List<SyncReport.Attachment> attachments, Instant date) {
        // JavaMail finds its content handlers (multipart/mixed) through the context class loader's META-INF/mailcap;
        // on a plugin's own thread in OSGi that is the bundle's loader, which cannot see it
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(Session.class.getClassLoader());
        try {
            return write(from, to, bcc, subject, text, attachments, date);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static byte[] write(EmailAddress from, List<EmailAddress> to, List<EmailAddress> bcc, String subject,
                                String text, List<SyncReport.Attachment> attachments, Instant date) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress(from.value()));
            for (EmailAddress address : to) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(address.value()));
            }
            for (EmailAddress address : bcc) {
                message.addRecipient(Message.RecipientType.BCC, new InternetAddress(address.value()));
            }
            message.setSubject(subject, "UTF-8");
            message.setSentDate(java.util.Date.from(date));
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setText(text, "UTF-8");
            mixed.addBodyPart(body);
            for (SyncReport.Attachment attachment : attachments) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(),
                        contentType(attachment.name()))));
                part.setFileName(attachment.name());
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            message.setContent(mixed);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot build the report mail: " + e.getMessage(), e);
        }
    }

    private static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip")) {
            return "application/zip";
        }
        if (lower.endsWith(".csv")) {
            return "text/csv; charset=UTF-8";
        }
        return "text/plain; charset=UTF-8";
    }
}
