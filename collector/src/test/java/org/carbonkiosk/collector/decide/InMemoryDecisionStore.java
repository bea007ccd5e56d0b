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
import org.carbonkiosk.collector.integrity.CardUse;
import org.carbonkiosk.collector.integrity.DepositWeight;
import org.carbonkiosk.collector.integrity.Emptying;
import org.carbonkiosk.collector.integrity.KioskFlag;
import org.carbonkiosk.collector.integrity.KioskState;
import org.carbonkiosk.collector.integrity.Pickup;
import org.carbonkiosk.protocol.ScaleMode;
import org.carbonkiosk.collector.integrity.Signal;
import org.carbonkiosk.protocol.event.BinEmptiedEvent;
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
        Map<String, KioskState> kiosks = new HashMap<>();
        List<CardUse> cardUses = new ArrayList<>();
        Map<String, String> cardOfUse = new HashMap<>();
        Map<String, List<Signal>> signals = new HashMap<>();
        Map<String, Boolean> balances = new HashMap<>();
        List<Pickup> pickups = new ArrayList<>();

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
            s.kiosks = new HashMap<>(kiosks);
            s.cardUses = new ArrayList<>(cardUses);
            s.cardOfUse = new HashMap<>(cardOfUse);
            s.signals = new HashMap<>(signals);
            s.balances = new HashMap<>(balances);
            s.pickups = new ArrayList<>(pickups);
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

    /** Registers a kiosk whose scale weighs a tray (no weight chain). */
    public synchronized InMemoryDecisionStore device(String deviceId) {
        return device(deviceId, ScaleMode.TRAY);
    }

    public synchronized InMemoryDecisionStore device(String deviceId, ScaleMode mode) {
        state.devices.add(deviceId);
        state.kiosks.put(deviceId, KioskState.fresh(mode));
        return this;
    }

    public synchronized void addPickup(Pickup p) {
        state.pickups.add(p);
    }

    public synchronized Optional<Boolean> balance(String deviceId) {
        return Optional.ofNullable(state.balances.get(deviceId));
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

    @Override
    public KioskState kiosk(String deviceId) {
        return state.kiosks.getOrDefault(deviceId, KioskState.fresh(ScaleMode.BIN));
    }

    @Override
    public void saveChain(String deviceId, long seq, long refSeq, Optional<Integer> binGrams) {
        KioskState k = kiosk(deviceId);
        state.kiosks.put(deviceId, new KioskState(k.scaleMode(), k.flag(), seq, refSeq, binGrams));
    }

    @Override
    public void flagKiosk(String deviceId, Optional<KioskFlag> flag) {
        KioskState k = kiosk(deviceId);
        state.kiosks.put(deviceId, new KioskState(k.scaleMode(), flag, k.chainSeq(), k.chainRefSeq(), k.chainGrams()));
    }

    @Override
    public void recordBalance(String deviceId, boolean withinTolerance) {
        state.balances.put(deviceId, withinTolerance);
    }

    @Override
    public Optional<CardUse> cardUseElsewhere(String card, String deviceId, Instant from, Instant to) {
        return state.cardUses.stream().filter(u -> card.equals(state.cardOfUse.get(u.eventId()))
                        && !u.deviceId().equals(deviceId) && !u.at().isBefore(from) && !u.at().isAfter(to))
                .max(java.util.Comparator.comparing(CardUse::at));
    }

    @Override
    public void recordCardUse(String card, String deviceId, Instant at, String eventId) {
        state.cardUses.add(new CardUse(deviceId, eventId, at));
        state.cardOfUse.put(eventId, card);
    }

    @Override
    public void recordSignals(String eventId, List<Signal> signals) {
        state.signals.put(eventId, List.copyOf(signals));
    }

    @Override
    public List<Signal> signals(String eventId) {
        return state.signals.getOrDefault(eventId, List.of());
    }

    @Override
    public List<StoredEvent> heldForDevice(String deviceId, Reason reason) {
        return state.events.values().stream().filter(e -> e.deviceId().equals(deviceId)
                        && e.status() == DecisionStatus.HELD && e.reason().filter(reason::equals).isPresent())
                .sorted(java.util.Comparator.comparingLong(StoredEvent::seq)).toList();
    }

    @Override
    public List<Emptying> emptyings(String deviceId) {
        return ofType(deviceId, "bin-emptied", 0, Long.MAX_VALUE).stream().map(e -> {
            BinEmptiedEvent b = (BinEmptiedEvent) e.event();
            return new Emptying(b.seq(), b.eventId(), b.occurredAt().toInstant(), b.removedGrams(), b.binGramsAfter());
        }).toList();
    }

    @Override
    public List<DepositWeight> depositWeights(String deviceId, long afterSeq, long beforeSeq) {
        return ofType(deviceId, "deposit", afterSeq, beforeSeq).stream()
                .map(e -> new DepositWeight(e.seq(), e.netGrams().orElse(0))).toList();
    }

    @Override
    public List<Pickup> pickups(String deviceId) {
        return state.pickups.stream().filter(p -> p.deviceId().equals(deviceId)).toList();
    }

    private List<StoredEvent> ofType(String deviceId, String type, long afterSeq, long beforeSeq) {
        return state.events.values().stream().filter(e -> e.deviceId().equals(deviceId) && e.type().equals(type)
                        && e.seq() > afterSeq && e.seq() < beforeSeq)
                .sorted(java.util.Comparator.comparingLong(StoredEvent::seq)).toList();
    }
}
