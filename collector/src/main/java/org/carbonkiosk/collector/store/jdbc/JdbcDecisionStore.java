package org.carbonkiosk.collector.store.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.collector.credit.MonthTotals;
import org.carbonkiosk.collector.decide.DecisionStore;
import org.carbonkiosk.collector.store.CardStore.CardRecord;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.StoreException;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.collector.integrity.CardUse;
import org.carbonkiosk.collector.integrity.DepositWeight;
import org.carbonkiosk.collector.integrity.Emptying;
import org.carbonkiosk.collector.integrity.KioskFlag;
import org.carbonkiosk.collector.integrity.KioskState;
import org.carbonkiosk.collector.integrity.Pickup;
import org.carbonkiosk.collector.integrity.Signal;
import org.carbonkiosk.protocol.event.BinEmptiedEvent;
import org.carbonkiosk.protocol.event.EventType;
import org.carbonkiosk.protocol.message.CreditRequest;
import org.carbonkiosk.protocol.message.Reason;

/**
 * The decision core's store on SQLite or PostgreSQL: one connection inside one transaction.
 * Lock order, as the core calls it: account month, then device row, then the event row.
 */
public final class JdbcDecisionStore implements DecisionStore {
    private final Store store;
    private final Connection c;

    public JdbcDecisionStore(Store store, Connection c) {
        this.store = store;
        this.c = c;
    }

    /** Transactions over {@code store}'s database; lock conflicts run the work again. */
    public static Transactions transactions(Store store) {
        return new Transactions() {
            @Override
            public <T> T inTransaction(Work<T> work) {
                return store.db().write(c -> work.run(new JdbcDecisionStore(store, c)));
            }
        };
    }

    @FunctionalInterface
    private interface Sql<T> {
        T run() throws SQLException;
    }

    private static <T> T sql(Sql<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredEvent> event(String eventId) {
        // Most events are new: the one-column query first (sqlite-jdbc reads every column's name per query).
        return sql(() -> store.events().exists(c, eventId) ? store.events().find(c, eventId) : Optional.empty());
    }

    @Override
    public void insertEvent(StoredEvent event) {
        sql(() -> {
            if (!store.events().insert(c, event)) {
                // Another collector decided this eventId in a concurrent transaction: run again, find it.
                throw new SQLException("event " + event.eventId() + " decided concurrently", "40001");
            }
            return null;
        });
    }

    @Override
    public void updateDecision(StoredEvent event) {
        sql(() -> {
            store.events().updateDecision(c, event);
            return null;
        });
    }

    @Override
    public List<StoredEvent> heldForCard(String card, Reason reason) {
        return sql(() -> store.events().heldForCard(c, card, reason));
    }

    @Override
    public boolean deviceRevoked(String deviceId) {
        return sql(() -> store.devices().isRevoked(c, deviceId));
    }

    @Override
    public Optional<Instant> keyRetiredAt(String deviceId, int keyVersion) {
        return sql(() -> store.devices().keyRetiredAt(c, deviceId, keyVersion));
    }

    @Override
    public void recordSeq(String deviceId, long seq) {
        sql(() -> {
            store.devices().recordSeq(c, deviceId, seq);
            return null;
        });
    }

    @Override
    public Optional<CardRecord> card(String card) {
        return sql(() -> store.cards().find(c, card));
    }

    @Override
    public MonthTotals lockMonth(String account, String month) {
        return sql(() -> store.months().lock(c, account, month));
    }

    @Override
    public void saveMonth(String account, String month, MonthTotals totals) {
        sql(() -> {
            store.months().save(c, account, month, totals);
            return null;
        });
    }

    @Override
    public void enqueueCredit(CreditRequest request, Instant at) {
        sql(() -> {
            // next_attempt_ms is real time (retry timers), created_at business time.
            store.outbox().enqueue(c, request.creditId(), request.account(),
                    new String(request.encode(), StandardCharsets.UTF_8), System.currentTimeMillis(), at.toString());
            return null;
        });
    }

    @Override
    public void recordRejection(Rejection r) {
        sql(() -> {
            store.rejections().insert(c, r.topic(), r.receivedAt().toString(), r.reason(), r.detail(), r.eventId(),
                    r.raw());
            return null;
        });
    }

    @Override
    public KioskState kiosk(String deviceId) {
        return sql(() -> store.integrity().kiosk(c, deviceId));
    }

    @Override
    public void saveChain(String deviceId, long seq, long refSeq, Optional<Integer> binGrams) {
        sql(() -> {
            store.integrity().saveChain(c, deviceId, seq, refSeq, binGrams);
            return null;
        });
    }

    @Override
    public void flagKiosk(String deviceId, Optional<KioskFlag> flag) {
        sql(() -> {
            store.integrity().flag(c, deviceId, flag);
            return null;
        });
    }

    @Override
    public void recordBalance(String deviceId, boolean withinTolerance) {
        sql(() -> {
            store.integrity().recordBalance(c, deviceId, withinTolerance);
            return null;
        });
    }

    @Override
    public Optional<CardUse> cardUseElsewhere(String card, String deviceId, Instant from, Instant to) {
        return sql(() -> store.integrity().cardUseElsewhere(c, card, deviceId, from, to));
    }

    @Override
    public void recordCardUse(String card, String deviceId, Instant at, String eventId) {
        sql(() -> {
            store.integrity().recordCardUse(c, card, deviceId, at, eventId);
            return null;
        });
    }

    @Override
    public void recordSignals(String eventId, List<Signal> signals) {
        sql(() -> {
            store.integrity().recordSignals(c, eventId, signals);
            return null;
        });
    }

    @Override
    public List<Signal> signals(String eventId) {
        return sql(() -> store.integrity().signals(c, eventId));
    }

    @Override
    public List<StoredEvent> heldForDevice(String deviceId, Reason reason) {
        return sql(() -> store.events().heldForDevice(c, deviceId, reason));
    }

    @Override
    public List<Emptying> emptyings(String deviceId) {
        return sql(() -> store.events().ofType(c, deviceId, EventType.BIN_EMPTIED.wire(), 0, Long.MAX_VALUE).stream()
                .map(JdbcDecisionStore::emptying).toList());
    }

    @Override
    public List<DepositWeight> depositWeights(String deviceId, long afterSeq, long beforeSeq) {
        return sql(() -> store.events().ofType(c, deviceId, EventType.DEPOSIT.wire(), afterSeq, beforeSeq).stream()
                .map(e -> new DepositWeight(e.seq(), e.netGrams().orElse(0))).toList());
    }

    @Override
    public List<Pickup> pickups(String deviceId) {
        return sql(() -> store.integrity().pickups(c, deviceId));
    }

    /** An emptying at its occurredAt, or at its receive time when the kiosk's clock was not synced. */
    private static Emptying emptying(StoredEvent e) {
        BinEmptiedEvent b = (BinEmptiedEvent) e.event();
        Instant at = b.envelope().clockSynced() ? b.occurredAt().toInstant() : Instant.parse(e.receivedAt());
        return new Emptying(b.seq(), b.eventId(), at, b.removedGrams(), b.binGramsAfter());
    }
}
