package org.carbonkiosk.collector.decide;

import org.carbonkiosk.collector.integrity.CardUse;
import org.carbonkiosk.collector.integrity.KioskFlag;
import org.carbonkiosk.collector.integrity.KioskState;
import org.carbonkiosk.collector.integrity.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.collector.integrity.DepositWeight;
import org.carbonkiosk.collector.integrity.Emptying;
import org.carbonkiosk.collector.integrity.Pickup;
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

    // The integrity signals' context (PROTOCOL.md v1.1)

    /** The kiosk's scale mode, review flag and weight chain (defaults for a kiosk without a record). */
    KioskState kiosk(String deviceId);

    /** Moves the kiosk's weight chain on: highest seq decided in order, and the bin reading of {@code refSeq}. */
    void saveChain(String deviceId, long seq, long refSeq, Optional<Integer> binGrams);

    /** Puts the kiosk under review, or clears it (empty). */
    void flagKiosk(String deviceId, Optional<KioskFlag> flag);

    /** Records whether the kiosk's latest mass-balance period is within tolerance. */
    void recordBalance(String deviceId, boolean withinTolerance);

    /** The latest sighting of the card at a kiosk other than {@code deviceId} within [from, to]. */
    Optional<CardUse> cardUseElsewhere(String card, String deviceId, Instant from, Instant to);

    void recordCardUse(String card, String deviceId, Instant at, String eventId);

    void recordSignals(String eventId, List<Signal> signals);

    /** The signals the event raised when first decided, in the order raised. */
    List<Signal> signals(String eventId);

    /** The kiosk's events held for {@code reason}, in seq order. */
    List<StoredEvent> heldForDevice(String deviceId, Reason reason);

    /** The kiosk's {@code bin-emptied} events, in seq order. */
    List<Emptying> emptyings(String deviceId);

    /** The kiosk's deposits with {@code afterSeq < seq < beforeSeq}, in seq order. */
    List<DepositWeight> depositWeights(String deviceId, long afterSeq, long beforeSeq);

    /** What the hauler weighed at the kiosk, oldest first. */
    List<Pickup> pickups(String deviceId);
}
