package com.atlassian.mail;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.mail.Multipart;

/**
 * One outgoing message as Confluence hands it to {@code SMTPMailServer#send(Email)}: addresses, subject, body or
 * multipart, MIME type, encoding, Message-ID and extra headers.
 *
 * <p>Signature: atlassian-mail 5.3.0 (a class), DF
 * {@code com.atlassian.mail_atlassian-mail-5.3.0/com/atlassian/mail/Email.java}, per confluence-platform.md A.1/B.10.
 * Behaviour as in the host: "to" (or, with the three-argument constructor, one of to/cc/bcc) must not be blank;
 * defaults are subject "", body "", MIME type "text/plain", encoding "UTF-8", and the headers
 * {@code Precedence: bulk} and {@code Auto-Submitted: auto-generated} (set by {@link #loadDefaultHeaders()});
 * {@link #getHeaders()} is the live, raw {@code Map} of header name to value, as in the host; equality ignores the
 * headers.
 */
public class Email implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The "To" addresses. */
    private String to;
    /** The subject. */
    private String subject;
    /** The sender address. */
    private String from;
    /** The sender's display name. */
    private String fromName;
    /** The "Cc" addresses. */
    private String cc;
    /** The "Bcc" addresses. */
    private String bcc;
    /** The "Reply-To" address. */
    private String replyTo;
    /** The Message-ID replied to. */
    private String inReplyTo;
    /** The body text. */
    private String body;
    /** The body's MIME type. */
    private String mimeType;
    /** The body's character encoding. */
    private String encoding;
    /** The multipart sent with the body. */
    private Multipart multipart;
    /** The Message-ID to send with. */
    private String messageId;
    /** The extra headers, by name. */
    private final Map<String, String> headers = new HashMap<>();
    /** Whether the server's subject prefix is left out. */
    private boolean excludeSubjectPrefix;

    /**
     * Creates a message to one or more addresses.
     *
     * @param to the "To" addresses (comma-separated); not blank
     * @throws IllegalArgumentException if {@code to} is blank
     */
    public Email(String to) {
        if (isBlank(to)) {
            throw new IllegalArgumentException("'To' is a required field");
        }
        init(to);
    }

    /**
     * Creates a message with To, Cc and Bcc addresses.
     *
     * @param to  the "To" addresses; may be blank if cc or bcc is not
     * @param cc  the "Cc" addresses
     * @param bcc the "Bcc" addresses
     * @throws IllegalArgumentException if all three are blank
     */
    public Email(String to, String cc, String bcc) {
        if (isBlank(to) && isBlank(cc) && isBlank(bcc)) {
            throw new IllegalArgumentException("One of 'To', 'CC' or 'BCC' is required");
        }
        init(to);
        this.cc = cc;
        this.bcc = bcc;
    }

    private void init(String to) {
        this.to = to;
        this.subject = "";
        this.body = "";
        this.mimeType = "text/plain";
        this.encoding = "UTF-8";
        loadDefaultHeaders();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Puts the default headers into {@link #getHeaders()}; called by the constructors. */
    protected void loadDefaultHeaders() {
        headers.put("Precedence", "bulk");
        headers.put("Auto-Submitted", "auto-generated");
    }

    /**
     * Sets the sender address.
     *
     * @param from the address
     * @return this message
     */
    public Email setFrom(String from) {
        this.from = from;
        return this;
    }

    /**
     * Sets the sender's display name.
     *
     * @param fromName the name
     * @return this message
     */
    public Email setFromName(String fromName) {
        this.fromName = fromName;
        return this;
    }

    /**
     * Sets the "To" addresses.
     *
     * @param to the addresses
     * @return this message
     */
    public Email setTo(String to) {
        this.to = to;
        return this;
    }

    /**
     * Sets the subject.
     *
     * @param subject the subject
     * @return this message
     */
    public Email setSubject(String subject) {
        this.subject = subject;
        return this;
    }

    /**
     * Sets the "Cc" addresses.
     *
     * @param cc the addresses
     * @return this message
     */
    public Email setCc(String cc) {
        this.cc = cc;
        return this;
    }

    /**
     * Sets the "Bcc" addresses.
     *
     * @param bcc the addresses
     * @return this message
     */
    public Email setBcc(String bcc) {
        this.bcc = bcc;
        return this;
    }

    /**
     * Sets the "Reply-To" address.
     *
     * @param replyTo the address
     * @return this message
     */
    public Email setReplyTo(String replyTo) {
        this.replyTo = replyTo;
        return this;
    }

    /**
     * Sets the Message-ID this message replies to.
     *
     * @param inReplyTo the Message-ID
     * @return this message
     */
    public Email setInReplyTo(String inReplyTo) {
        this.inReplyTo = inReplyTo;
        return this;
    }

    /**
     * Sets the body text.
     *
     * @param body the body
     * @return this message
     */
    public Email setBody(String body) {
        this.body = body;
        return this;
    }

    /**
     * Sets the body's MIME type.
     *
     * @param mimeType e.g. "text/html"
     * @return this message
     */
    public Email setMimeType(String mimeType) {
        this.mimeType = mimeType;
        return this;
    }

    /**
     * Sets the body's character encoding.
     *
     * @param encoding e.g. "UTF-8"
     * @return this message
     */
    public Email setEncoding(String encoding) {
        this.encoding = encoding;
        return this;
    }

    /**
     * Sets a multipart (e.g. related parts with inline images) sent with the body.
     *
     * @param multipart the multipart
     * @return this message
     */
    public Email setMultipart(Multipart multipart) {
        this.multipart = multipart;
        return this;
    }

    /**
     * Sets whether the server's subject prefix is left out.
     *
     * @param excludeSubjectPrefix true to leave it out
     * @return this message
     */
    public Email setExcludeSubjectPrefix(boolean excludeSubjectPrefix) {
        this.excludeSubjectPrefix = excludeSubjectPrefix;
        return this;
    }

    /**
     * The sender address.
     *
     * @return the address, or null
     */
    public String getFrom() {
        return from;
    }

    /**
     * The sender's display name.
     *
     * @return the name, or null
     */
    public String getFromName() {
        return fromName;
    }

    /**
     * The "To" addresses.
     *
     * @return the addresses
     */
    public String getTo() {
        return to;
    }

    /**
     * The subject.
     *
     * @return the subject
     */
    public String getSubject() {
        return subject;
    }

    /**
     * The "Cc" addresses.
     *
     * @return the addresses, or null
     */
    public String getCc() {
        return cc;
    }

    /**
     * The "Bcc" addresses.
     *
     * @return the addresses, or null
     */
    public String getBcc() {
        return bcc;
    }

    /**
     * The "Reply-To" address.
     *
     * @return the address, or null
     */
    public String getReplyTo() {
        return replyTo;
    }

    /**
     * The Message-ID this message replies to.
     *
     * @return the Message-ID, or null
     */
    public String getInReplyTo() {
        return inReplyTo;
    }

    /**
     * The body text.
     *
     * @return the body
     */
    public String getBody() {
        return body;
    }

    /**
     * The body's MIME type.
     *
     * @return the MIME type
     */
    public String getMimeType() {
        return mimeType;
    }

    /**
     * The body's character encoding.
     *
     * @return the encoding
     */
    public String getEncoding() {
        return encoding;
    }

    /**
     * The multipart sent with the body.
     *
     * @return the multipart, or null
     */
    public Multipart getMultipart() {
        return multipart;
    }

    /**
     * The Message-ID to send with.
     *
     * @return the Message-ID, or null to let the server choose
     */
    public String getMessageId() {
        return messageId;
    }

    /**
     * Sets the Message-ID to send with.
     *
     * @param messageId the Message-ID
     */
    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }

    /**
     * Whether the server's subject prefix is left out.
     *
     * @return true to leave it out
     */
    public boolean isExcludeSubjectPrefix() {
        return excludeSubjectPrefix;
    }

    /**
     * Adds or replaces a header.
     *
     * @param headerName  the header name
     * @param headerValue the header value
     */
    public void addHeader(String headerName, String headerValue) {
        headers.put(headerName, headerValue);
    }

    /**
     * Removes a header.
     *
     * @param headerName the header name
     * @return the removed value, or null if there was none
     */
    public String removeHeader(String headerName) {
        return headers.remove(headerName);
    }

    /**
     * The extra headers (raw {@code Map} of String to String in the host's signature).
     *
     * @return the live header map
     */
    @SuppressWarnings("rawtypes")
    public Map getHeaders() {
        return headers;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Email)) {
            return false;
        }
        Email other = (Email) o;
        return Objects.equals(to, other.to) && Objects.equals(subject, other.subject)
                && Objects.equals(from, other.from) && Objects.equals(fromName, other.fromName)
                && Objects.equals(cc, other.cc) && Objects.equals(bcc, other.bcc)
                && Objects.equals(replyTo, other.replyTo) && Objects.equals(inReplyTo, other.inReplyTo)
                && Objects.equals(body, other.body) && Objects.equals(mimeType, other.mimeType)
                && Objects.equals(encoding, other.encoding) && Objects.equals(multipart, other.multipart)
                && Objects.equals(messageId, other.messageId) && excludeSubjectPrefix == other.excludeSubjectPrefix;
    }

    @Override
    public int hashCode() {
        return Objects.hash(to, subject, from, fromName, cc, bcc, replyTo, inReplyTo, body, mimeType, encoding,
                multipart, messageId, excludeSubjectPrefix);
    }

    @Override
    public String toString() {
        return "Email[to='" + to + "',subject='" + subject + "',from='" + from + "',fromName='" + fromName
                + "',cc='" + cc + "',bcc='" + bcc + "',replyTo='" + replyTo + "',inReplyTo='" + inReplyTo
                + "',mimeType='" + mimeType + "',encoding='" + encoding + "',multipart=" + multipart
                + ",messageId='" + messageId + "',excludeSubjectPrefix=" + excludeSubjectPrefix + ']';
    }
}
