package io.mailseal.it.host;

import io.mailseal.testkit.confluence.InMemoryI18nResolver;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.bandana.BandanaManager;
import com.atlassian.confluence.setup.bandana.ConfluenceBandanaContext;
import com.atlassian.event.api.EventListener;
import com.atlassian.event.api.EventPublisher;
import com.atlassian.sal.api.ApplicationProperties;
import com.atlassian.sal.api.message.I18nResolver;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The in-memory host services: complete, and the few behaviours the plugin relies on first.
 */
class HostServicesTest {

    private final Map<Class<?>, Object> services =
            HostServices.inMemory(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void offersTheTwentyServicesEachImplementedByItsValue() {
        assertThat(services).hasSize(20);
        services.forEach((type, service) -> {
            assertThat(type).isInterface();
            assertThat(service).as(type.getName()).isInstanceOf(type);
            assertThat(service.getClass().getSimpleName()).isEqualTo("InMemory" + type.getSimpleName());
        });
        assertThat(services.keySet()).first().isEqualTo(com.atlassian.activeobjects.external.ActiveObjects.class);
    }

    @Test
    void applicationPropertiesDescribeConfluence872() {
        ApplicationProperties properties = service(ApplicationProperties.class);

        assertThat(properties.getDisplayName()).isEqualTo("Confluence");
        assertThat(properties.getPlatformId()).isEqualTo("conf");
        assertThat(properties.getVersion()).isEqualTo("8.7.2");
        assertThat(properties.getLocalHomeDirectory()).get().satisfies(home -> assertThat(home).isDirectory());
    }

    @Test
    void bandanaReturnsWhatWasStoredAndFallsBackToTheGlobalContext() {
        BandanaManager bandana = service(BandanaManager.class);
        ConfluenceBandanaContext space = new ConfluenceBandanaContext("DOCS");

        bandana.setValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, "mailseal.mode", "enforce");
        bandana.setValue(space, "mailseal.owner", "alice");

        assertThat(bandana.getValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, "mailseal.mode")).isEqualTo("enforce");
        assertThat(bandana.getValue(space, "mailseal.owner")).isEqualTo("alice");
        assertThat(bandana.getValue(space, "mailseal.mode")).isEqualTo("enforce");
        assertThat(bandana.getValue(space, "mailseal.mode", false)).isNull();
        assertThat(bandana.getKeys(space)).containsExactly("mailseal.owner");

        bandana.removeValue(space, "mailseal.owner");
        assertThat(bandana.getValue(space, "mailseal.owner")).isNull();
    }

    @Test
    void eventPublisherDeliversToMatchingAnnotatedMethodsOnly() {
        EventPublisher publisher = service(EventPublisher.class);
        Listener listener = new Listener();
        publisher.register(listener);

        publisher.publish("a string");
        publisher.publish(42);
        publisher.unregister(listener);
        publisher.publish("after unregister");

        assertThat(listener.received).containsExactlyInAnyOrder("text:a string", "object:a string", "object:42");
    }

    @Test
    void i18nFormatsParametersAndReturnsUnknownKeys() {
        I18nResolver i18n = new InMemoryI18nResolver(Map.of("mailseal.greeting", "Hello {0}, you have {1} keys"));

        assertThat(i18n.getText("mailseal.greeting", "alice", 3)).isEqualTo("Hello alice, you have 3 keys");
        assertThat(i18n.getText(i18n.createMessage("mailseal.greeting", "bob", 0)))
                .isEqualTo("Hello bob, you have 0 keys");
        assertThat(i18n.getText("mailseal.unknown")).isEqualTo("mailseal.unknown");
        assertThat(service(I18nResolver.class).getText("mailseal.plugin.name"))
                .as("the plugin's own texts are loaded").isEqualTo("Mailseal");
    }

    private <T> T service(Class<T> type) {
        return type.cast(services.get(type));
    }

    /** A listener in a non-public class, with one method per event type. */
    private static final class Listener {

        final List<String> received = new CopyOnWriteArrayList<>();

        @EventListener
        public void onText(String event) {
            received.add("text:" + event);
        }

        @EventListener
        public void onAnything(Object event) {
            received.add("object:" + event);
        }

        public void notAListener(String event) {
            received.add("not a listener:" + event);
        }
    }
}
