package com.atlassian.mail;

import com.atlassian.mail.server.MailServerManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The static entry point of atlassian-mail: the mail server manager that Confluence's mail queue items use
 * ({@code MailFactory.getServerManager().getDefaultSMTPMailServer()}).
 *
 * <p>Signature: atlassian-mail 5.x, {@code com/atlassian/mail/MailFactory.java} ({@code refresh()},
 * {@code getServerManager()}; also {@code getSettings()} and {@code getAuthenticationContextFactory()}, which Mailseal
 * does not use and which are omitted here), per confluence-platform.md A.1 and B.10. As in atlassian-mail, the manager
 * is created once from the {@code <manager class="...">} element of the {@code mail-config.xml} resource on this
 * class's class loader (atlassian-mail's {@code ConfigLoader}); a test host provides that resource.
 *
 * <p>Thread-safe: the manager is created once under the class lock and kept until {@link #refresh()}.
 */
public class MailFactory {

    private static final Pattern MANAGER = Pattern.compile("<manager[^>]*\\bclass=\"([^\"]+)\"");
    private static MailServerManager serverManager;

    /** Forgets the loaded manager; the next call loads it again. */
    public static synchronized void refresh() {
        serverManager = null;
    }

    /**
     * The mail server manager named in {@code mail-config.xml}.
     *
     * @return the manager
     * @throws RuntimeException if there is no configuration or the manager cannot be made (as atlassian-mail does)
     */
    public static synchronized MailServerManager getServerManager() {
        if (serverManager == null) {
            serverManager = load();
        }
        return serverManager;
    }

    private static MailServerManager load() {
        try (InputStream in = MailFactory.class.getClassLoader().getResourceAsStream("mail-config.xml")) {
            if (in == null) {
                throw new RuntimeException("Error in mail config: mail-config.xml not found");
            }
            Matcher manager = MANAGER.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!manager.find()) {
                throw new RuntimeException("Error in mail config: no <manager class=...> element");
            }
            return (MailServerManager) Class.forName(manager.group(1), true, MailFactory.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (IOException | ReflectiveOperationException | ClassCastException e) {
            throw new RuntimeException("Error in mail config: " + e.getMessage(), e);
        }
    }
}
