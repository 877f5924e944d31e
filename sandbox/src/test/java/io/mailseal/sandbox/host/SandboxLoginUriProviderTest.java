package io.mailseal.sandbox.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SandboxLoginUriProviderTest {

    private final SandboxLoginUriProvider provider = new SandboxLoginUriProvider("http://127.0.0.1:8080");

    @Test
    void anAbsoluteReturnUriOnThisServerBecomesItsPathSoTheLoginPageReturnsThere() {
        assertThat(provider.getLoginUri(URI.create("http://127.0.0.1:8080/plugins/servlet/x/admin?tab=a%20b")))
                .hasToString("http://127.0.0.1:8080/login.action?os_destination=%2Fplugins%2Fservlet%2Fx%2Fadmin"
                        + "%3Ftab%3Da%2520b");
        assertThat(provider.getLoginUri(URI.create("/pages/1")))
                .hasToString("http://127.0.0.1:8080/login.action?os_destination=%2Fpages%2F1");
    }

    @Test
    void aReturnUriOnAnotherServerStaysAsItIsAndTheLoginPageIgnoresIt() {
        assertThat(provider.getLoginUri(URI.create("http://evil.example:8080/x")))
                .hasToString("http://127.0.0.1:8080/login.action?os_destination=http%3A%2F%2Fevil.example%3A8080%2Fx");
    }
}
