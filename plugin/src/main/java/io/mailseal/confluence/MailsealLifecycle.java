package io.mailseal.confluence;

import com.atlassian.sal.api.ApplicationProperties;
import io.mailseal.crypto.CryptoRuntime;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops Mailseal on one Confluence node, and tells whether it is fit to run.
 *
 * <p>On start it checks the cryptographic runtime (the embedded Bouncy Castle, loaded by the plugin's own class
 * loader and never registered globally). A failed check is logged and kept in {@link #status()}. The mail hook
 * installs itself even then: with a broken runtime no delivery can be built, so mail is held back for a retry (451)
 * instead of going out in clear.
 *
 * <p>Thread-safe: {@link #start()} and {@link #stop()} are called by the Spring container; {@link #status()} may be
 * read from any thread.
 */
public final class MailsealLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(MailsealLifecycle.class);

    private final ApplicationProperties applicationProperties;
    private final CryptoRuntime cryptoRuntime;
    private volatile Status status = new Status(State.STOPPED, null);

    /**
     * Creates the lifecycle; wired by constructor from the plugin's Spring context.
     *
     * @param applicationProperties the host's application properties; not null
     * @param cryptoRuntime         the plugin's crypto runtime; not null
     */
    public MailsealLifecycle(ApplicationProperties applicationProperties, CryptoRuntime cryptoRuntime) {
        this.applicationProperties = Objects.requireNonNull(applicationProperties, "applicationProperties");
        this.cryptoRuntime = Objects.requireNonNull(cryptoRuntime, "cryptoRuntime");
    }

    /** Runs the start-up checks; called once when the plugin's context comes up. */
    public void start() {
        CryptoRuntime.SelfTest selfTest = cryptoRuntime.selfTest();
        if (selfTest.passed()) {
            LOG.info("Mailseal started on {} {}: Bouncy Castle {} self-test passed",
                    applicationProperties.getDisplayName(), applicationProperties.getVersion(),
                    selfTest.bouncyCastleVersion());
            status = new Status(State.RUNNING, selfTest);
        } else {
            LOG.error("Mailseal will not encrypt mail on this node: crypto self-test failed: {}",
                    String.join("; ", selfTest.problems()));
            status = new Status(State.FAILED, selfTest);
        }
    }

    /** Marks the plugin stopped; called when the plugin is disabled or uninstalled. */
    public void stop() {
        status = new Status(State.STOPPED, status.selfTest());
        LOG.info("Mailseal stopped");
    }

    /**
     * The current state and the last self-test.
     *
     * @return the status; never null
     */
    public Status status() {
        return status;
    }

    /** Where the plugin is in its life. */
    public enum State {
        /** Not started, or disabled. */
        STOPPED,
        /** Started and healthy. */
        RUNNING,
        /** Started, but the self-test failed: Mailseal refuses to handle mail on this node. */
        FAILED
    }

    /**
     * A snapshot of the plugin's state.
     *
     * @param state    the state; not null
     * @param selfTest the last crypto self-test, or null before the first start
     */
    public record Status(State state, CryptoRuntime.SelfTest selfTest) {

        /** Validates the state. */
        public Status {
            Objects.requireNonNull(state, "state");
        }
    }
}
