package io.mailseal.it.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped plugin jar has the shape Confluence needs for a transformless plugin, embeds its own libraries and
 * carries no host classes.
 */
class PluginJarIT {

    private static Path jar;
    private static Attributes manifest;

    @BeforeAll
    static void readJar() throws IOException {
        jar = ConfluenceLikeHost.pluginJar();
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest().getMainAttributes();
        }
        System.out.printf("plugin jar %s: %,d bytes%n", jar.getFileName(), Files.size(jar));
    }

    @Test
    void manifestMarksATransformlessPluginWithItsKey() {
        assertThat(manifest.getValue("Bundle-ManifestVersion")).isEqualTo("2");
        assertThat(manifest.getValue("Bundle-SymbolicName")).isEqualTo("io.mailseal.confluence");
        assertThat(manifest.getValue("Atlassian-Plugin-Key")).isEqualTo("io.mailseal.confluence");
        assertThat(manifest.getValue("Spring-Context")).isEqualTo("*");
        assertThat(manifest.getValue("Export-Package")).isNull();
    }

    @Test
    void hostPackagesAreImportedAtAnyVersionAndBouncyCastleNever() {
        List<String> imports = OsgiHeader.clauses(manifest.getValue("Import-Package"));

        assertThat(imports).extracting(OsgiHeader::name).noneMatch(name -> name.startsWith("org.bouncycastle"));
        assertThat(imports).extracting(OsgiHeader::name)
                .contains("com.atlassian.mail.server", "com.atlassian.sal.api.user", "javax.mail",
                        "javax.servlet.http", "net.java.ao", "javax.inject");
        for (String clause : imports) {
            String name = OsgiHeader.name(clause);
            if (name.startsWith("com.atlassian.") || name.startsWith("javax.mail") || name.startsWith("javax.servlet")
                    || name.startsWith("net.java.ao") || name.equals("javax.inject")) {
                assertThat(clause).as(name).containsPattern(";version=\"?0\"?(;|$)");
            }
        }
        assertThat(imports).filteredOn(clause -> clause.startsWith("com.atlassian.annotations.security;"))
                .singleElement().asString().contains("resolution:=optional");
    }

    @Test
    void engineAndBouncyCastleAreEmbedded() {
        List<String> classPath = OsgiHeader.clauses(manifest.getValue("Bundle-ClassPath"));

        assertThat(classPath).contains(".");
        for (String library : List.of("mailseal-engine-", "bcprov-jdk18on-", "bcpkix-jdk18on-", "bcutil-jdk18on-",
                "bcpg-jdk18on-", "bcmail-jdk18on-")) {
            assertThat(classPath).as(library).anyMatch(entry -> entry.startsWith("META-INF/lib/" + library));
        }
    }

    @Test
    void noHostClassesAreShipped() throws IOException {
        List<String> hostEntries = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                collectHostEntries(entry.getName(), "", hostEntries);
                if (entry.getName().endsWith(".jar")) {
                    try (InputStream in = file.getInputStream(entry); JarInputStream nested = new JarInputStream(in)) {
                        for (JarEntry inner; (inner = nested.getNextJarEntry()) != null; ) {
                            collectHostEntries(inner.getName(), entry.getName() + "!", hostEntries);
                        }
                    }
                }
            }
        }
        assertThat(hostEntries).isEmpty();
    }

    @Test
    void descriptorNamesThePluginForDataCenter() throws IOException {
        String descriptor;
        String springContext;
        try (JarFile file = new JarFile(jar.toFile())) {
            descriptor = text(file, "atlassian-plugin.xml");
            springContext = text(file, "META-INF/spring/plugin-context.xml");
            assertThat(file.getEntry("i18n/mailseal.properties")).isNotNull();
        }
        assertThat(descriptor).contains("key=\"io.mailseal.confluence\"")
                .contains("<param name=\"atlassian-data-center-status\">compatible</param>")
                .contains("<resource type=\"i18n\" name=\"i18n\" location=\"i18n/mailseal\"/>")
                .doesNotContain("${");
        assertThat(springContext).contains("osgi:reference").doesNotContain("component-scan");
    }

    private static void collectHostEntries(String name, String prefix, List<String> found) {
        if (name.startsWith("com/atlassian/") || name.startsWith("javax/mail/") || name.startsWith("javax/servlet/")
                || name.startsWith("net/java/ao/")) {
            found.add(prefix + name);
        }
    }

    private static String text(JarFile file, String name) throws IOException {
        JarEntry entry = file.getJarEntry(name);
        assertThat(entry).as(name).isNotNull();
        try (InputStream in = file.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
