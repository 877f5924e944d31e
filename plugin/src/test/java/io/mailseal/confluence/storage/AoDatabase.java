package io.mailseal.confluence.storage;

import io.mailseal.testkit.ao.EntityManagerActiveObjects;
import java.util.UUID;

/** A fresh in-memory H2 database with Mailseal's Active Objects tables, as the ao-module declares them. */
public final class AoDatabase {

    public static final String PLUGIN_KEY = "io.mailseal.confluence";

    private AoDatabase() {
    }

    public static EntityManagerActiveObjects open() {
        EntityManagerActiveObjects ao = EntityManagerActiveObjects.inMemoryH2("mailseal-" + UUID.randomUUID(),
                PLUGIN_KEY);
        ao.migrate(AoUserKey.class, AoAuditEvent.class);
        return ao;
    }
}
