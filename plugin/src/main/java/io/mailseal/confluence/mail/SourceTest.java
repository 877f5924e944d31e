package io.mailseal.confluence.mail;

import io.mailseal.keys.KeyType;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.source.KeyStoreFileSource;
import java.time.Duration;
import java.util.Objects;

/**
 * What "test connection" found for one configured key source: the source's real lookup for a probe address (with
 * the source's own timeouts and size caps), and for a key store file what its last read gave.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source   the source
 * @param type     its key type
 * @param tls      whether the connection is protected by TLS (LDAPS, HTTPS); null for sources without a connection
 * @param response its answer for the probe address
 * @param keyStore for a key store file, its read status; null otherwise
 * @param took     how long the test took
 */
public record SourceTest(SourceName source, KeyType type, Boolean tls, SourceResponse response,
                         KeyStoreFileSource.Status keyStore, Duration took) {

    /** Checks the required parts. */
    public SourceTest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(took, "took");
    }

    /**
     * Whether the source works: it answered (with or without a key) and, for a key store, the file was read.
     *
     * @return true if it works
     */
    public boolean works() {
        return response.status() != SourceResponse.Status.ERROR && response.status() != SourceResponse.Status.DISABLED
                && (keyStore == null || keyStore.error() == null);
    }
}
