package org.carbonkiosk.collector.decide;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.carbonkiosk.collector.credit.MonthTotals;
import org.carbonkiosk.collector.store.CardStore.CardRecord;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.protocol.message.CreditRequest;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;

/**
 * The decision core's store in memory, for unit tests: the same contract as the JDBC one,
 * with transactions that roll back (a copy of the state taken at the start is put back when
 * the work throws).
 */
public final class InMemoryDecisionStore implements DecisionStore, DecisionStore.Transactions {
    private static final class State {
        Map<String, StoredEvent> events = new LinkedHashMap<>();
        Set<String> devices = new HashSet<>();
        Set<String> revoked = new HashSet<>();
        Map<String, Long> lastSeq = new HashMap<>();
        Map<String, TreeSet<Long>> gaps = new HashMap<>();
        Map<String, CardRecord> cards = new HashMap<>();
        Map<String, MonthTotals> months = new HashMap<>();
        List<CreditRequest> outbox = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();

        State copy() {
            State s = new State();
            s.events = new LinkedHashMap<>(events);
            s.devices = new HashSet<>(devices);
            s.revoked = new HashSet<>(revoked);
            s.lastSeq = new HashMap<>(lastSeq);
            gaps.forEach((k, v) -> s.gaps.put(k, new TreeSet<>(v)));
            s.cards = new HashMap<>(cards);
            s.months = new HashMap<>(months);
            s.outbox = new ArrayList<>(outbox);
            s.rejections = new ArrayList<>(rejections);
            return s;
        }
    }

    private State state = new State();

    @Override
    public synchronized <T> T inTransaction(Work<T> work) {
        State before = state.copy();
        try {
            return work.run(this);
        } catch (RuntimeException e) {
            state = before;
            throw e;
        }
    }

    public synchronized InMemoryDecisionStore device(String deviceId) {
        state.devices.add(deviceId);
        return this;
    }

    public synchronized void revoke(String deviceId) {
        state.revoked.add(deviceId);
    }

    public synchronized void bind(String card, String account) {
        state.cards.put(card, new CardRecord(card, Optional.of(account), false));
    }

    public synchronized void block(String card) {
        CardRecord c = state.cards.get(card);
        state.cards.put(card, new CardRecord(card, c == null ? Optional.empty() : c.account(), true));
    }

    public synchronized List<StoredEvent> events() {
        return List.copyOf(state.events.values());
    }

    public synchronized List<CreditRequest> outbox() {
        return List.copyOf(state.outbox);
    }

    public synchronized List<Rejection> rejections() {
        return List.copyOf(state.rejections);
    }

    public synchronized MonthTotals month(String account, String month) {
        return state.months.getOrDefault(account + "|" + month, MonthTotals.EMPTY);
    }

    public synchronized Set<Long> gaps(String deviceId) {
        return Set.copyOf(state.gaps.getOrDefault(deviceId, new TreeSet<>()));
    }

    @Override
    public Optional<StoredEvent> event(String eventId) {
        return Optional.ofNullable(state.events.get(eventId));
    }

    @Override
    public void insertEvent(StoredEvent event) {
        if (state.events.putIfAbsent(event.eventId(), event) != null) {
            throw new IllegalStateException("event " + event.eventId() + " exists");
        }
    }

    @Override
    public void updateDecision(StoredEvent event) {
        state.events.replace(event.eventId(), event);
    }

    @Override
    public List<StoredEvent> heldForCard(String card, Reason reason) {
        return state.events.values().stream().filter(e -> e.card().filter(card::equals).isPresent()
                && e.status() == DecisionStatus.HELD && e.reason().filter(reason::equals).isPresent()).toList();
    }

    @Override
    public Optional<Instant> keyRetiredAt(String deviceId, int keyVersion) {
        return Optional.empty(); // one key version per device here; rotation is tested on the JDBC store
    }

    @Override
    public boolean deviceRevoked(String deviceId) {
        return !state.devices.contains(deviceId) || state.revoked.contains(deviceId);
    }

    @Override
    public void recordSeq(String deviceId, long seq) {
        long last = state.lastSeq.getOrDefault(deviceId, 0L);
        TreeSet<Long> gaps = state.gaps.computeIfAbsent(deviceId, k -> new TreeSet<>());
        if (seq > last) {
            for (long s = last + 1; s < seq; s++) {
                gaps.add(s);
            }
            state.lastSeq.put(deviceId, seq);
        } else {
            gaps.remove(seq);
        }
    }

    @Override
    public Optional<CardRecord> card(String card) {
        return Optional.ofNullable(state.cards.get(card));
    }

    @Override
    public MonthTotals lockMonth(String account, String month) {
        return state.months.getOrDefault(account + "|" + month, MonthTotals.EMPTY);
    }

    @Override
    public void saveMonth(String account, String month, MonthTotals totals) {
        state.months.put(account + "|" + month, totals);
    }

    @Override
    public void enqueueCredit(CreditRequest request, Instant at) {
        state.outbox.add(request);
    }

    @Override
    public void recordRejection(Rejection rejection) {
        state.rejections.add(rejection);
    }
}
