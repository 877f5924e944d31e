package io.mailseal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

class CryptoRuntimeTest {

    @Test
    void selfTestPassesWithPrivateProvider() {
        CryptoRuntime runtime = CryptoRuntime.create();

        CryptoRuntime.SelfTest result = runtime.selfTest();

        assertThat(result.problems()).isEmpty();
        assertThat(result.passed()).isTrue();
        assertThat(result.bouncyCastleVersion()).startsWith("1.8");
        assertThat(result.providerClassLoader()).isSameAs(BouncyCastleProvider.class.getClassLoader());
    }

    @Test
    void providerIsNeverRegisteredGlobally() {
        CryptoRuntime runtime = CryptoRuntime.create();

        runtime.selfTest();

        assertThat(Security.getProviders()).doesNotContain(runtime.bouncyCastle());
    }

    @Test
    void selfTestReportsProviderThatSomeoneRegisteredGlobally() {
        CryptoRuntime runtime = CryptoRuntime.create();
        Security.addProvider(runtime.bouncyCastle());
        try {
            CryptoRuntime.SelfTest result = runtime.selfTest();

            assertThat(result.passed()).isFalse();
            assertThat(result.problems()).containsExactly("the private Bouncy Castle provider is registered globally");
        } finally {
            Security.removeProvider(runtime.bouncyCastle().getName());
        }
    }

    @Test
    void eachRuntimeOwnsItsProvider() {
        assertThat(CryptoRuntime.create().bouncyCastle()).isNotSameAs(CryptoRuntime.create().bouncyCastle());
    }
}
