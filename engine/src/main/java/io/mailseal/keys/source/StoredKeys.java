package io.mailseal.keys.source;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySummary;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.select.Selection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Answers a lookup from keys kept as raw bytes in a store (uploads, managed keys): each is parsed and checked again on
 * every lookup, so a key that expired since it was stored is rejected with its reason, and one that no longer parses
 * is {@link RejectionReason#MALFORMED}. Stateless.
 */
final class StoredKeys {

    private StoredKeys() {
    }

    /**
     * The answer for stored keys.
     *
     * @param name     the source's name
     * @param format   how to read and check the keys
     * @param address  the recipient
     * @param stored   the stored keys
     * @param bytes    a stored key's bytes
     * @param describe a stored key, for a rejection (never key material)
     * @param start    {@link System#nanoTime()} when the lookup began
     * @param <T>      the parsed key type
     * @param <S>      the stored key type
     * @return the answer
     */
    static <T, S> SourceResponse answer(SourceName name, KeyFileFormat<T> format, EmailAddress address, List<S> stored,
                                        Function<S, byte[]> bytes, Function<S, String> describe, long start) {
        List<T> keys = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (S key : stored) {
            KeyFileFormat.Parsed<T> parsed = format.parse(bytes.apply(key));
            if (parsed.error() != null) {
                rejected.add(new Rejection(KeySummary.unparseable(format.type()), RejectionReason.MALFORMED,
                        describe.apply(key) + ": " + parsed.error()));
            }
            keys.addAll(parsed.keys());
        }
        Selection selection = format.select(address, keys);
        rejected.addAll(selection.rejected());
        return SourceResponse.answered(name, format.type(), selection.accepted(), rejected, since(start));
    }

    /**
     * The error answer when the store cannot be read.
     *
     * @param name   the source's name
     * @param format the format (for its type)
     * @param what   what could not be read, e.g. "uploaded keys"
     * @param e      the store's exception
     * @param start  {@link System#nanoTime()} when the lookup began
     * @return the answer
     */
    static SourceResponse unreadable(SourceName name, KeyFileFormat<?> format, String what, RuntimeException e,
                                     long start) {
        return SourceResponse.error(name, format.type(), what + " cannot be read: " + e.getMessage(), since(start));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
