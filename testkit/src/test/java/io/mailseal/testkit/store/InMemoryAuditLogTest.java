package io.mailseal.testkit.store;

import io.mailseal.store.AuditLog;
import io.mailseal.store.AuditRetention;
import java.time.Clock;

class InMemoryAuditLogTest extends AuditLogContract {

    @Override
    protected AuditLog newLog(Clock clock, AuditRetention retention) {
        return new InMemoryAuditLog(clock, retention);
    }
}
