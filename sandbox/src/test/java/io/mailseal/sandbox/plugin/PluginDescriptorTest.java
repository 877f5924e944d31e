package io.mailseal.sandbox.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginDescriptorTest {

    private static PluginDescriptor read(String xml) throws IOException {
        return PluginDescriptor.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheModulesTheSandboxHosts() throws IOException {
        PluginDescriptor descriptor;
        try (InputStream in = getClass().getResourceAsStream("/io/mailseal/sandbox/fixture/atlassian-plugin.xml")) {
            descriptor = PluginDescriptor.read(in);
        }

        assertThat(descriptor.key()).isEqualTo("io.mailseal.sandbox.fixture");
        assertThat(descriptor.name()).isEqualTo("Sandbox fixture");
        assertThat(descriptor.servlets()).containsExactly(new PluginDescriptor.ServletModule("fixture-servlet",
                "io.mailseal.sandbox.fixture.FixtureServlet", List.of("/fixture/*"), Map.of()));
        assertThat(descriptor.webSections()).extracting(PluginDescriptor.WebSection::location)
                .containsExactly("system.admin");
        assertThat(descriptor.webItems()).extracting(PluginDescriptor.WebItem::section)
                .containsExactly("system.admin/fixture-admin", "system.settings.edit/yoursettings");
        assertThat(descriptor.webItems().get(0).label().i18nKey()).isEqualTo("fixture.item");
        assertThat(descriptor.webItems().get(0).linkId()).isEqualTo("fixture-admin-link");
        assertThat(descriptor.webResources().get(0).dependencies()).containsExactly("com.atlassian.auiplugin:ajs");
        assertThat(descriptor.webResources().get(0).resources())
                .containsExactly(new PluginDescriptor.Download("fixture.css", "css/fixture.css"));
        assertThat(descriptor.i18n()).containsExactly("i18n/fixture");
        assertThat(descriptor.aoEntities()).containsExactly("io.mailseal.sandbox.fixture.FixtureNote");
    }

    @Test
    void theLongestMatchingUrlPatternWins() throws IOException {
        PluginDescriptor descriptor = read("<atlassian-plugin key=\"p\">"
                + "<servlet key=\"all\" class=\"A\"><url-pattern>/p/*</url-pattern></servlet>"
                + "<servlet key=\"admin\" class=\"B\"><url-pattern>/p/admin</url-pattern>"
                + "<init-param><param-name>x</param-name><param-value>1</param-value></init-param></servlet>"
                + "</atlassian-plugin>");

        assertThat(descriptor.servletFor("/p/admin").orElseThrow().getKey().key()).isEqualTo("admin");
        assertThat(descriptor.servletFor("/p/admin").orElseThrow().getKey().initParams()).isEqualTo(Map.of("x", "1"));
        assertThat(descriptor.servletFor("/p/keys").orElseThrow().getKey().key()).isEqualTo("all");
        assertThat(descriptor.servletFor("/p").orElseThrow().getKey().key()).isEqualTo("all");
        assertThat(descriptor.servletFor("/px")).isEmpty();
        assertThat(descriptor.servletFor("/other")).isEmpty();
    }

    @Test
    void refusesADocumentTypeAndAnotherRoot() {
        assertThatThrownBy(() -> read("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<atlassian-plugin key=\"&x;\"/>")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("<plugin key=\"p\"/>")).isInstanceOf(IOException.class)
                .hasMessageContaining("<plugin>");
    }
}
