package io.mailseal.confluence.storage;

import io.mailseal.testkit.ao.EntityManagerActiveObjects;
import java.util.UUID;
import net.java.ao.RawEntity;

/** A fresh in-memory H2 database with Mailseal's Active Objects tables, as the ao-module declares them. */
public final class AoDatabase {

    public static final String PLUGIN_KEY = "io.mailseal.confluence";

    /** Every entity of the ao-module, in its order. */
    @SuppressWarnings("unchecked")
    public static final Class<? extends RawEntity<?>>[] ENTITIES = new Class[] {AoUserKey.class, AoAuditEvent.class,
        AoManagedKey.class, AoGroupMember.class, AoRuleSet.class, AoSyncFile.class, AoSyncRun.class, AoSyncLock.class,
        AoContentPassword.class, AoCaCertificate.class, AoCrlNumber.class, AoSmimeUser.class, AoKeyDownload.class};

    private AoDatabase() {
    }

    public static EntityManagerActiveObjects open() {
        EntityManagerActiveObjects ao = EntityManagerActiveObjects.inMemoryH2("mailseal-" + UUID.randomUUID(),
                PLUGIN_KEY);
        ao.migrate(ENTITIES);
        return ao;
    }
}
