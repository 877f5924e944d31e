package io.mailseal.keys.source;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySource;
import io.mailseal.keys.KeySummary;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.select.Selection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A source whose keys are kept as raw bytes in a store (uploads, managed keys): each is parsed and checked again on
 * every lookup, so a key that expired since it was stored is rejected with its reason, and one that no longer parses
 * is {@link RejectionReason#MALFORMED}. A store that cannot be read gives an error answer.
 *
 * <p>Thread-safe if the store is.
 *
 * @param <T> the parsed key type
 * @param <S> the stored key type
 */
abstract class StoredKeySource<T, S> implements KeySource {

    private final SourceName name;
    private final KeyFileFormat<T> format;
    private final String what;

    /**
     * A source.
     *
     * @param name   the source's name
     * @param format how to read and check the keys
     * @param what   what the store holds, for the error answer (e.g. "uploaded keys")
     */
    StoredKeySource(SourceName name, KeyFileFormat<T> format, String what) {
        this.name = Objects.requireNonNull(name, "name");
        this.format = Objects.requireNonNull(format, "format");
        this.what = Objects.requireNonNull(what, "what");
    }

    /**
     * The stored keys of an address.
     *
     * @param address the recipient
     * @return the keys; may throw if the store cannot be read
     */
    abstract List<S> find(EmailAddress address);

    /**
     * A stored key's bytes.
     *
     * @param stored the key
     * @return its bytes
     */
    abstract byte[] bytes(S stored);

    /**
     * A stored key, for a rejection (never key material).
     *
     * @param stored the key
     * @return e.g. "upload of user ... at ..."
     */
    abstract String describe(S stored);

    @Override
    public final SourceName name() {
        return name;
    }

    @Override
    public final KeyType type() {
        return format.type();
    }

    @Override
    public final SourceResponse lookup(EmailAddress address) {
        long start = System.nanoTime();
        List<S> stored;
        try {
            stored = find(address);
        } catch (RuntimeException e) {
            return SourceResponse.error(name, type(), what + " cannot be read: " + e.getMessage(), since(start));
        }
        List<T> keys = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (S key : stored) {
            KeyFileFormat.Parsed<T> parsed = format.parse(bytes(key));
            if (parsed.error() != null) {
                rejected.add(new Rejection(KeySummary.unparseable(type()), RejectionReason.MALFORMED,
                        describe(key) + ": " + parsed.error()));
            }
            keys.addAll(parsed.keys());
        }
        Selection selection = format.select(address, keys);
        rejected.addAll(selection.rejected());
        return SourceResponse.answered(name, type(), selection.accepted(), rejected, since(start));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
