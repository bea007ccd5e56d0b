package org.carbonkiosk.collector.api;

import java.time.Clock;
import java.util.List;
import org.carbonkiosk.collector.store.AuditStore;
import org.carbonkiosk.collector.store.Database;
import org.carbonkiosk.collector.store.StoreException;
import org.tinylog.Logger;

/**
 * Writes one audit line per API write: who, what (the route template), the target, when, the
 * outcome. Card tokens and accounts never go in: routes under {@code /api/cards} and
 * {@code /api/accounts} have no target recorded.
 */
public final class AuditLog {
    private final Database db;
    private final AuditStore lines = new AuditStore();
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void record(Caller caller, Route route, List<String> params, Response response) {
        String target = isPersonal(route) ? null : params.isEmpty() ? createdId(response) : params.get(0);
        AuditStore.AuditLine line = new AuditStore.AuditLine(0, clock.instant().toString(), caller.name(),
                caller.role().wire(), route.template(), target, response.status(), response.outcome());
        try {
            db.write(c -> {
                lines.append(c, line);
                return null;
            });
        } catch (StoreException e) {
            Logger.warn("audit line not written ({}): {} {} {}", e.getMessage(), caller.name(), line.action(),
                    response.status());
            return;
        }
        Logger.info("audit: {} ({}) {}{} -> {} {}", caller.name(), caller.role().wire(), line.action(),
                target == null ? "" : " " + target, response.status(), line.outcome());
    }

    public List<AuditStore.AuditLine> recent(int limit) {
        return db.read(c -> lines.recent(c, limit));
    }

    /** The id a create answered with (a new device or token), for writes without a path parameter. */
    private static String createdId(Response response) {
        if (response.status() >= 300 || !response.contentType().startsWith("application/json")) {
            return null;
        }
        try {
            var json = org.carbonkiosk.protocol.json.StrictJson.mapper().readTree(response.body());
            for (String member : List.of("deviceId", "id")) {
                if (json != null && json.has(member) && json.get(member).isValueNode()) {
                    return json.get(member).asText();
                }
            }
        } catch (java.io.IOException e) {
            return null;
        }
        return null;
    }

    private static boolean isPersonal(Route route) {
        String p = route.path().pattern();
        return p.startsWith("/api/cards") || p.startsWith("/api/accounts");
    }
}
