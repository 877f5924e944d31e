package io.mailseal.confluence.web;

import io.mailseal.keys.KeySummary;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.Verification;
import java.util.ArrayList;
import java.util.List;

/**
 * Table rows for keys, rejections and source answers, shared by the verify screen and the profile page.
 *
 * <p>Stateless and thread-safe.
 */
final class KeyRows {

    private KeyRows() {
    }

    /** A key: type, source, id (serial or fingerprint), subject (DN or user ID), end of validity. */
    static Model key(WebPages pages, SourceName source, KeySummary key) {
        return Model.create()
                .text("type", pages.text("option." + key.type().name()))
                .text("source", pages.text("source." + source.name()))
                .text("id", key.id())
                .text("subject", key.subject())
                .text("notAfter", key.notAfter() == null ? pages.text("key.never") : key.notAfter().toString());
    }

    /** The keys that would be used. */
    static List<Model> selected(WebPages pages, List<LookupResult.Found> found) {
        List<Model> rows = new ArrayList<>();
        found.forEach(f -> rows.add(key(pages, f.source(), f.key().summary())));
        return rows;
    }

    /** Every rejected key with its reason. */
    static List<Model> rejected(WebPages pages, Verification verification) {
        List<Model> rows = new ArrayList<>();
        for (Verification.Rejected rejected : verification.rejected()) {
            rows.add(key(pages, rejected.source(), rejected.rejection().key())
                    .text("reason", pages.text("reason." + rejected.rejection().reason().name()))
                    .text("detail", rejected.rejection().detail()));
        }
        return rows;
    }

    /** What each source answered. */
    static List<Model> sources(WebPages pages, List<SourceResponse> responses) {
        List<Model> rows = new ArrayList<>();
        for (SourceResponse response : responses) {
            rows.add(Model.create()
                    .text("source", pages.text("source." + response.source().name()))
                    .text("type", pages.text("option." + response.type().name()))
                    .text("status", pages.text("status." + response.status().name()))
                    .flag("ok", response.status() == SourceResponse.Status.OK)
                    .flag("error", response.status() == SourceResponse.Status.ERROR)
                    .number("accepted", response.accepted().size())
                    .number("rejected", response.rejected().size())
                    .number("millis", response.duration().toMillis())
                    .text("message", response.message()));
        }
        return rows;
    }
}
