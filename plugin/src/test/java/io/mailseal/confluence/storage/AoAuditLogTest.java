package io.mailseal.confluence.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.store.AuditEvent;
import io.mailseal.store.AuditLog;
import io.mailseal.store.AuditRetention;
import io.mailseal.testkit.ao.EntityManagerActiveObjects;
import io.mailseal.testkit.store.AuditLogContract;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AoAuditLogTest extends AuditLogContract {

    private EntityManagerActiveObjects ao;

    @Override
    protected AuditLog newLog(Clock clock, AuditRetention retention) {
        if (ao == null) {
            ao = AoDatabase.open();
        }
        return new AoAuditLog(ao, clock, retention);
    }

    @AfterEach
    void closeDatabase() {
        if (ao != null) {
            ao.close();
        }
    }

    @Test
    void theTableNeverHoldsMoreThanTheRetentionAllows() {
        AuditLog log = newLog(clock, new AuditRetention(10, Duration.ofDays(30)));
        for (int i = 0; i < 25; i++) {
            log.append(new AuditEvent(clock.instant(), "system", "mail.withheld", "recipient " + i, ""));
        }

        assertThat(ao.count(AoAuditEvent.class)).isEqualTo(10);
        assertThat(log.newest(1)).extracting(AuditEvent::subject).containsExactly("recipient 24");
        assertThat(ao.tableName(AoAuditEvent.class)).isEqualTo("AO_EDB82B_AUDIT_EVENT");
    }
}
