package org.carbonkiosk.collector.decide;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.collector.credit.MonthTotals;
import org.carbonkiosk.collector.store.CardStore.CardRecord;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.protocol.message.CreditRequest;
import org.carbonkiosk.protocol.message.Reason;

/**
 * What the decision core reads and writes, inside one transaction (see {@link Transactions}).
 * SQLite and PostgreSQL implement it over JDBC; unit tests use an in-memory one. A failure of
 * the store itself is an unchecked exception; the transaction then runs again or not at all.
 */
public interface DecisionStore {

    /** Runs work in one transaction: all its writes commit together, or none. */
    interface Transactions {
        <T> T inTransaction(Work<T> work);
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(DecisionStore store);
    }

    /** A message refused before it became an event, kept for audit. */
    record Rejection(String topic, Instant receivedAt, Reason reason, String detail, Optional<String> eventId,
                     byte[] raw) {
    }

    Optional<StoredEvent> event(String eventId);

    /**
     * Inserts a newly decided event. When another collector inserted the same eventId in a
     * concurrent transaction, throws a store failure that makes the transaction run again.
     */
    void insertEvent(StoredEvent event);

    /** Replaces the decision of an existing (held) event. */
    void updateDecision(StoredEvent event);

    /** The card's events held for {@code reason}, oldest first. */
    List<StoredEvent> heldForCard(String card, Reason reason);

    /** True when the device is revoked, or unknown (read in the transaction, never cached). */
    boolean deviceRevoked(String deviceId);

    /** When the device's key version was retired by a rotation; empty while it is the latest (never cached). */
    Optional<Instant> keyRetiredAt(String deviceId, int keyVersion);

    /** Raises the device's highest seq and opens gaps below it, or closes the gap a late event fills. */
    void recordSeq(String deviceId, long seq);

    Optional<CardRecord> card(String card);

    /** The account's month, locked until the transaction ends (created empty when new). */
    MonthTotals lockMonth(String account, String month);

    void saveMonth(String account, String month, MonthTotals totals);

    /** Queues a credit for the ledger (the transactional outbox). */
    void enqueueCredit(CreditRequest request, Instant at);

    void recordRejection(Rejection rejection);
}
