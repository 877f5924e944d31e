package io.mailseal.keys.source.http;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySummary;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.format.OpenPgpKeyReader;
import io.mailseal.keys.select.OpenPgpKeyRules;
import io.mailseal.keys.select.Selection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Turns the body of an HTTP answer into checked keys, and HTTP details into message text. Package-private helper of
 * the sources here; stateless apart from the reader and the rules, thread-safe.
 */
final class KeyAnswers {

    /** What a body held. */
    sealed interface Interpreted {
    }

    /**
     * OpenPGP data: every key checked against the address.
     *
     * @param selection accepted keys and rejections, parse problems first as {@link RejectionReason#MALFORMED}
     */
    record Keys(Selection selection) implements Interpreted {
    }

    /**
     * Not OpenPGP data.
     *
     * @param message "answer from &lt;host&gt; is not an OpenPGP key (content type …): &lt;reason&gt;"
     * @param html    whether the answer was declared as HTML (a web site, not a key service)
     */
    record NotKeys(String message, boolean html) implements Interpreted {
    }

    private static final int EXCERPT = 120;

    private final OpenPgpKeyReader reader = new OpenPgpKeyReader();
    private final OpenPgpKeyRules rules;

    KeyAnswers(OpenPgpKeyRules rules) {
        this.rules = rules;
    }

    /**
     * Reads and checks the keys in a body.
     *
     * @param address  the address asked for
     * @param response the answer (status 200)
     * @return the checked keys, or why the body is no key
     */
    Interpreted interpret(EmailAddress address, HttpFetcher.Response response) {
        OpenPgpKeyReader.Result read = reader.read(response.body());
        String origin = origin(response.uri());
        if (read instanceof OpenPgpKeyReader.Read keys && !keys.keyRings().isEmpty()) {
            Selection checked = rules.select(address, keys.keyRings());
            List<Rejection> rejected = new ArrayList<>();
            for (String problem : keys.problems()) {
                rejected.add(new Rejection(KeySummary.unparseable(KeyType.PGP), RejectionReason.MALFORMED,
                        "answer from " + origin + ": " + problem));
            }
            rejected.addAll(checked.rejected());
            return new Keys(new Selection(checked.accepted(), rejected));
        }
        String reason = read instanceof OpenPgpKeyReader.Unreadable unreadable ? unreadable.reason()
                : "no public key in it";
        String type = response.contentType().isEmpty() ? "no content type" : "content type "
                + printable(response.contentType());
        return new NotKeys("answer from " + origin + " is not an OpenPGP key (" + type + ", "
                + response.body().length + " bytes): " + reason, isHtml(response.contentType()));
    }

    /**
     * One GET of a key service that answers 200 with keys or 404 for "none": the whole lookup of the HKP and VKS
     * sources.
     *
     * @param source     which source asks
     * @param label      how messages name the service ("key server", "VKS")
     * @param uri        the request
     * @param accept     the Accept header
     * @param address    the address asked for
     * @param fetcher    the HTTP client
     * @param statusNote extra words for an unexpected status (for example a rate limit), or null for none
     * @return the answer; never throws
     */
    SourceResponse fetchKeys(SourceName source, String label, URI uri, String accept, EmailAddress address,
                             HttpFetcher fetcher, IntFunction<String> statusNote) {
        long start = System.nanoTime();
        HttpFetcher.Result result = fetcher.get(uri, accept);
        if (result instanceof HttpFetcher.Failure failure) {
            return SourceResponse.error(source, KeyType.PGP, failure.message(), since(start));
        }
        HttpFetcher.Response response = (HttpFetcher.Response) result;
        if (response.status() == 404) {
            return SourceResponse.answered(source, KeyType.PGP, List.of(), List.of(), since(start));
        }
        if (response.status() != 200) {
            String note = statusNote == null ? null : statusNote.apply(response.status());
            return SourceResponse.error(source, KeyType.PGP, label + " " + unexpectedStatus(response)
                    + (note == null ? "" : " (" + note + ")"), since(start));
        }
        Interpreted interpreted = interpret(address, response);
        if (interpreted instanceof NotKeys notKeys) {
            return SourceResponse.error(source, KeyType.PGP, notKeys.message(), since(start));
        }
        Selection selection = ((Keys) interpreted).selection();
        return SourceResponse.answered(source, KeyType.PGP, selection.accepted(), selection.rejected(), since(start));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * The text for an unexpected status: "&lt;host&gt; answered HTTP 500", with the start of a plain-text body.
     *
     * @param response the answer
     * @return the text
     */
    static String unexpectedStatus(HttpFetcher.Response response) {
        String text = origin(response.uri()) + " answered HTTP " + response.status();
        if (response.contentType().toLowerCase(Locale.ROOT).startsWith("text/plain") && response.body().length > 0) {
            String body = printable(new String(response.body(), 0, Math.min(response.body().length, EXCERPT * 2),
                    StandardCharsets.UTF_8)).strip();
            if (!body.isEmpty()) {
                text += ": " + (body.length() > EXCERPT ? body.substring(0, EXCERPT) + "…" : body);
            }
        }
        return text;
    }

    /**
     * A server as messages name it: host, and port if the URL has one.
     *
     * @param uri the URL
     * @return e.g. {@code 127.0.0.1:11371} or {@code keys.openpgp.org}
     */
    static String origin(URI uri) {
        String host = uri.getHost() == null ? "?" : uri.getHost();
        return uri.getPort() >= 0 ? host + ":" + uri.getPort() : host;
    }

    private static boolean isHtml(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/html") || type.startsWith("application/xhtml");
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(c < 0x20 || c == 0x7f ? ' ' : c));
        return out.toString().replaceAll(" {2,}", " ");
    }
}
