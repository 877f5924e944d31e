package io.mailseal.testkit.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPackagesTest {

    @TempDir
    Path dir;

    @Test
    void bundleExportsItsOwnHeader() throws IOException {
        Path jar = jar("bundle.jar", "javax.mail;version=1.6.7,javax.mail.internet;version=1.6.7", null,
                "javax/mail/Session.class");

        assertThat(HostPackages.exportsOf(jar)).isEqualTo("javax.mail;version=1.6.7,javax.mail.internet;version=1.6.7");
    }

    @Test
    void plainJarExportsEveryPackageWithClassesAtItsVersion() throws IOException {
        Path jar = jar("plain.jar", null, "3.2.11", "net/java/ao/Entity.class", "net/java/ao/schema/Table.class",
                "net/java/ao/readme.txt", "META-INF/versions/9/module-info.class", "Top.class");

        assertThat(HostPackages.exportsOf(jar))
                .isEqualTo("net.java.ao;version=3.2.11,net.java.ao.schema;version=3.2.11");
    }

    @Test
    void jarWithoutClassesIsRefused() throws IOException {
        Path jar = jar("empty.jar", null, null, "readme.txt");

        assertThatThrownBy(() -> HostPackages.exportsOf(jar)).hasMessageContaining("holds no classes");
    }

    @Test
    void versionsBecomeOsgiVersions() {
        assertThat(HostPackages.osgiVersion("1")).isEqualTo("1.0.0");
        assertThat(HostPackages.osgiVersion("3.2.11")).isEqualTo("3.2.11");
        assertThat(HostPackages.osgiVersion("1.7-SNAPSHOT")).isEqualTo("1.7.0");
        assertThat(HostPackages.osgiVersion("5.3.39.RELEASE")).isEqualTo("5.3.39");
        assertThat(HostPackages.osgiVersion("unknown")).isEqualTo("0.0.0");
        assertThat(HostPackages.osgiVersion(null)).isEqualTo("0.0.0");
    }

    private Path jar(String name, String exportPackage, String implementationVersion, String... entries)
            throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (exportPackage != null) {
            manifest.getMainAttributes().putValue("Export-Package", exportPackage);
        }
        if (implementationVersion != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, implementationVersion);
        }
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (String entry : entries) {
                out.putNextEntry(new ZipEntry(entry));
                out.closeEntry();
            }
        }
        return jar;
    }
}
