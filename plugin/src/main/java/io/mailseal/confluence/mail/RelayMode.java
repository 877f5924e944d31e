package io.mailseal.confluence.mail;

import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.settings.Settings;
import io.mailseal.smtp.LoopbackSmtpRelay;
import io.mailseal.store.SettingsStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relay mode on this node (confluence-platform.md A.6): when the settings enable it, Mailseal's SMTP endpoint listens
 * on 127.0.0.1 at the configured port, Confluence's SMTP server setting points at it (user {@value #USER}, password
 * the generated secret), and each message is encrypted and sent to the upstream server of the relay settings. The
 * secret is generated once (32 random bytes) and stored encrypted with the settings. Every node checks the settings
 * at start and then every {@code recheck} interval, so a change saved on one node reaches the others; the relay is
 * restarted only when its port or secret changed.
 *
 * <p>Thread-safe: reconciling is synchronized; the relay itself is thread-safe.
 */
public final class RelayMode {

    /** The user name Confluence logs in to the relay with. */
    public static final String USER = "mailseal";

    private static final Logger LOG = LoggerFactory.getLogger(RelayMode.class);

    private final SettingsStore store;
    private final MailPipeline pipeline;
    private final SecureRandom random;
    private final Duration recheck;
    private ScheduledExecutorService checker;
    private LoopbackSmtpRelay relay;
    private Settings.Relay running;
    private volatile Settings.Relay current = Settings.Relay.OFF;

    /**
     * Relay mode, rechecked every 30 seconds.
     *
     * @param store    the settings
     * @param pipeline what happens to each message
     */
    public RelayMode(SettingsStore store, MailPipeline pipeline) {
        this(store, pipeline, new SecureRandom(), Duration.ofSeconds(30));
    }

    /**
     * Relay mode.
     *
     * @param store    the settings
     * @param pipeline what happens to each message
     * @param random   for the generated secret
     * @param recheck  how often the settings are read again
     */
    public RelayMode(SettingsStore store, MailPipeline pipeline, SecureRandom random, Duration recheck) {
        this.store = Objects.requireNonNull(store, "store");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.random = Objects.requireNonNull(random, "random");
        this.recheck = Objects.requireNonNull(recheck, "recheck");
    }

    /** Starts following the settings. Called when the plugin is enabled. */
    public synchronized void start() {
        reconcile();
        checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mailseal-relay-settings");
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(this::reconcileQuietly, recheck.toMillis(), recheck.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Stops the relay. Called when the plugin is disabled. */
    public synchronized void stop() {
        if (checker != null) {
            checker.shutdownNow();
            checker = null;
        }
        stopRelay();
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.error("Mailseal's relay mode could not apply the settings: {}", e.getMessage());
        }
    }

    /**
     * Makes the relay match the stored settings now: starts, restarts or stops it; generates and stores the secret
     * the first time the relay is enabled.
     *
     * @return the port the relay listens on, or -1 when it is off
     */
    public synchronized int reconcile() {
        SettingsStore.Loaded loaded = store.load();
        Settings settings = loaded instanceof SettingsStore.Found found ? found.settings()
                : loaded instanceof SettingsStore.Missing missing ? missing.defaults() : null;
        if (settings == null) {
            LOG.error("Mailseal's relay mode keeps its state: the stored settings are unusable: {}",
                    ((SettingsStore.Unusable) loaded).problems());
            return relay == null ? -1 : relay.port();
        }
        Settings.Relay wanted = settings.relay();
        if (wanted.enabled() && wanted.secret().isEmpty()) {
            wanted = withNewSecret(wanted);
            SettingsStore.Saved saved = store.save(settings.withRelay(wanted));
            if (saved instanceof SettingsStore.NotWritten notWritten) {
                LOG.error("Mailseal could not store the relay's generated secret: {}", notWritten.problems());
                return relay == null ? -1 : relay.port();
            }
        }
        current = wanted;
        if (!wanted.enabled()) {
            stopRelay();
            return -1;
        }
        if (relay != null && running != null && running.port() == wanted.port()
                && running.secret().equals(wanted.secret())) {
            running = wanted;
            return relay.port();
        }
        stopRelay();
        try {
            relay = LoopbackSmtpRelay.start(wanted.port(), USER, wanted.secret().reveal(),
                    (envelope, message) -> pipeline.handle((from, to, bytes) -> pipeline.upstream().send(current,
                            from, to, bytes), envelope, message), 16, Duration.ofMinutes(2));
            running = wanted;
            LOG.info("Mailseal's relay listens on 127.0.0.1:{} and sends to {}:{}", relay.port(),
                    wanted.upstreamHost(), wanted.upstreamPort());
            return relay.port();
        } catch (RuntimeException e) {
            LOG.error("Mailseal's relay could not start: {}", e.getMessage());
            return -1;
        }
    }

    /**
     * Generates a new relay secret, stores it (replacing any stored one) and restarts the relay with it if it is on.
     * Confluence's SMTP server setting must then be given the new secret: the caller shows it to the admin once.
     *
     * @return the new secret, or the problems of the stored settings (nothing was changed)
     */
    public synchronized Checked<Secret> regenerateSecret() {
        SettingsStore.Loaded loaded = store.load();
        Settings settings = loaded instanceof SettingsStore.Found found ? found.settings()
                : loaded instanceof SettingsStore.Missing missing ? missing.defaults() : null;
        if (settings == null) {
            List<Checked.Problem> problems = new ArrayList<>();
            ((SettingsStore.Unusable) loaded).problems().forEach(p -> problems.add(new Checked.Problem("relay", p)));
            return new Checked.Invalid<>(problems);
        }
        Settings.Relay relay = withNewSecret(settings.relay());
        SettingsStore.Saved saved = store.save(settings.withRelay(relay));
        if (saved instanceof SettingsStore.NotWritten notWritten) {
            List<Checked.Problem> problems = new ArrayList<>();
            notWritten.problems().forEach(p -> problems.add(new Checked.Problem("relay.secret", p)));
            return new Checked.Invalid<>(problems);
        }
        reconcile();
        return new Checked.Valid<>(relay.secret());
    }

    private Settings.Relay withNewSecret(Settings.Relay relay) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new Settings.Relay(relay.enabled(), relay.port(), relay.upstreamHost(), relay.upstreamPort(),
                relay.upstreamSecurity(), relay.upstreamUser(), relay.upstreamPassword(),
                Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)));
    }

    private void stopRelay() {
        if (relay != null) {
            relay.close();
            LOG.info("Mailseal's relay on 127.0.0.1:{} stopped", relay.port());
            relay = null;
            running = null;
        }
    }
}
