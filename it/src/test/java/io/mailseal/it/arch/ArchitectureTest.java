package io.mailseal.it.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import io.mailseal.confluence.MailsealLifecycle;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.sandbox.Sandbox;
import io.mailseal.testkit.osgi.FelixHost;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules of ARCHITECTURE.md, checked on the compiled main classes of every module.
 */
class ArchitectureTest {

    private static JavaClasses engine;
    private static JavaClasses allMain;

    @BeforeAll
    static void importClasses() {
        ClassFileImporter importer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
        engine = importer.importLocations(Set.of(locationOf(CryptoRuntime.class)));
        allMain = importer.importLocations(Set.of(
                locationOf(CryptoRuntime.class), locationOf(MailsealLifecycle.class), locationOf(FelixHost.class),
                locationOf(Sandbox.class)));
    }

    @Test
    void importsEveryModule() {
        assertThat(allMain.contain(CryptoRuntime.class)).isTrue();
        assertThat(allMain.contain(MailsealLifecycle.class)).isTrue();
        assertThat(allMain.contain(FelixHost.class)).isTrue();
        assertThat(allMain.contain(Sandbox.class)).isTrue();
    }

    @Test
    void onlyTheSandboxHostsThePluginNothingElseReachesIntoTheSandbox() {
        noClasses().that().resideOutsideOfPackage("io.mailseal.sandbox..")
                .should().dependOnClassesThat().resideInAPackage("io.mailseal.sandbox..")
                .because("the sandbox is a tool around the plugin; nothing in the plugin knows it runs there")
                .check(allMain);
        noClasses().that().resideInAPackage("io.mailseal.sandbox..")
                .should().dependOnClassesThat().resideInAPackage("io.mailseal.confluence..")
                .because("the sandbox loads the plugin jar in OSGi as Confluence does, never its classes")
                .check(allMain);
    }

    @Test
    void engineNeverDependsOnAtlassian() {
        noClasses().should().dependOnClassesThat().resideInAPackage("com.atlassian..")
                .because("the engine is product-neutral; Confluence specifics live in the plugin's adapters")
                .check(engine);
    }

    @Test
    void hostApiIsReferencedOnlyFromThePluginSandboxAndHostStandIns() {
        noClasses().that().resideOutsideOfPackages("io.mailseal.confluence..", "io.mailseal.sandbox..",
                        "io.mailseal.testkit.confluence..", "io.mailseal.testkit.ao..")
                .should().dependOnClassesThat().resideInAPackage("com.atlassian..")
                .because("host-api declarations exist at runtime only inside Confluence (or the sandbox and the"
                        + " testkit's stand-ins for Confluence's own classes)")
                .check(allMain);
    }

    @Test
    void nothingRegistersOrNamesASecurityProvider() {
        ArchRule rule = noClasses().should().callMethodWhere(registersOrNamesProvider())
                .because("the host registers its own Bouncy Castle as \"BC\"; Mailseal passes its private provider"
                        + " instance (docs/adr/0003)");
        rule.check(allMain);
    }

    @Test
    void providerRuleCatchesAGlobalRegistration() {
        JavaClasses offender = new ClassFileImporter().importClasses(RegistersProviderGlobally.class);

        assertThat(noClasses().should().callMethodWhere(registersOrNamesProvider()).evaluate(offender).hasViolation())
                .isTrue();
    }

    @Test
    void everyPackageHasPackageInfo() throws IOException {
        Path root = Paths.get(System.getProperty("user.dir")).getParent();
        Set<Path> missing = new TreeSet<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path sources : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(sources)) {
                    files.filter(f -> f.toString().endsWith(".java"))
                            .map(Path::getParent)
                            .distinct()
                            .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
                            .forEach(dir -> missing.add(root.relativize(dir)));
                }
            }
        }
        assertThat(missing).as("source packages without package-info.java").isEmpty();
    }

    /**
     * Calls that register a JCA provider globally, or look one up by name: {@code Security.addProvider},
     * {@code insertProviderAt}, {@code getProvider(String)}, any {@code getInstance(String, String)} and Bouncy
     * Castle's {@code setProvider(String)}.
     */
    private static DescribedPredicate<JavaMethodCall> registersOrNamesProvider() {
        return new DescribedPredicate<>("registers a JCA provider globally or names one by string") {
            @Override
            public boolean test(JavaMethodCall call) {
                String owner = call.getTargetOwner().getName();
                String name = call.getTarget().getName();
                List<String> parameters = call.getTarget().getRawParameterTypes().stream()
                        .map(JavaClass::getName).toList();
                if (owner.equals("java.security.Security")
                        && (name.equals("addProvider") || name.equals("insertProviderAt")
                        || name.equals("getProvider") || name.equals("removeProvider"))) {
                    return true;
                }
                boolean lastIsString = !parameters.isEmpty()
                        && parameters.get(parameters.size() - 1).equals(String.class.getName());
                return (name.equals("getInstance") && parameters.size() >= 2 && lastIsString)
                        || (name.equals("setProvider") && parameters.equals(List.of(String.class.getName())));
            }
        };
    }

    private static Location locationOf(Class<?> type) {
        try {
            return Location.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A class that breaks the provider rule, to prove the rule can fail. */
    static final class RegistersProviderGlobally {
        void register() throws java.security.GeneralSecurityException {
            java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
            javax.crypto.Cipher.getInstance("AES/GCM/NoPadding", "BC");
        }
    }
}
