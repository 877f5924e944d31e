package io.mailseal.use.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report mail is built whatever the calling thread's context class loader can see. */
class ReportMailTest {

    @Test
    void buildsTheMultipartReportOnAThreadWhoseContextClassLoaderCannotSeeJavaMailsMailcap() throws Exception {
        // like a plugin's own thread in OSGi: its bundle class loader has no META-INF/mailcap
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        byte[] mail;
        try (URLClassLoader blind = new URLClassLoader(new URL[0], null)) {
            Thread.currentThread().setContextClassLoader(blind);
            mail = ReportMail.build(EmailAddress.parse("mailseal@example.com"),
                    List.of(EmailAddress.parse("admin@example.com")), List.of(), "sandbox-demo: USE sync",
                    "(+) dave@example.com", List.of(new SyncReport.Attachment("demo.useimport",
                            "#####\n".getBytes(StandardCharsets.UTF_8))), Instant.parse("2026-06-01T10:00:00Z"));
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }

        assertThat(new String(mail, StandardCharsets.UTF_8)).contains("multipart/mixed").contains("demo.useimport")
                .contains("(+) dave@example.com");
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }
}
