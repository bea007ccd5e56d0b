package org.carbonkiosk.agent.session;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.Set;
import java.util.function.LongSupplier;
import org.carbonkiosk.agent.claw.ClawPolicy;
import org.carbonkiosk.agent.display.Display;
import org.carbonkiosk.agent.display.DisplayMessage;
import org.carbonkiosk.agent.hardware.Hardware;
import org.carbonkiosk.agent.outbox.Outbox;
import org.carbonkiosk.agent.outbox.Settlement;
import org.carbonkiosk.agent.outbox.StoreException;
import org.carbonkiosk.agent.outbox.StoredEvent;
import org.carbonkiosk.agent.session.SessionAction.CloseJournal;
import org.carbonkiosk.agent.session.SessionAction.Lock;
import org.carbonkiosk.agent.session.SessionAction.OpenJournal;
import org.carbonkiosk.agent.session.SessionAction.ReceiptOverdue;
import org.carbonkiosk.agent.session.SessionAction.RecordBinEmptied;
import org.carbonkiosk.agent.session.SessionAction.RecordDeposit;
import org.carbonkiosk.agent.session.SessionAction.RecordDoorForced;
import org.carbonkiosk.agent.session.SessionAction.Show;
import org.carbonkiosk.agent.session.SessionAction.Unlock;
import org.carbonkiosk.agent.sign.CardTokens;
import org.carbonkiosk.agent.sign.EventSigner;
import org.carbonkiosk.protocol.ScaleMode;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;
import org.carbonkiosk.protocol.message.Receipt;
import org.tinylog.Logger;

/**
 * Runs the {@link SessionMachine} against the hardware: polls the reader, door and scale, feeds
 * the machine and carries out its actions (lock, display, journal, sign and commit). Every
 * method runs on the agent's single session thread.
 */
public final class SessionRunner {
    private final SessionConfig config;
    private final Hardware hardware;
    private final Display display;
    private final Outbox outbox;
    private final EventSigner signer;
    private final CardTokens cardTokens;
    private final Set<String> serviceCards;
    private final Optional<OffsetDateTime> calibratedAt;
    private final SessionMachine machine;
    private final ClawPolicy clawPolicy;
    private final LongSupplier nowMs;
    private final Runnable onCommit;
    private final java.util.function.BooleanSupplier online;
    private final Map<String, Long> blockedUntil = new HashMap<>();
    private final Queue<SessionInput> pending = new ArrayDeque<>();
    private final PartHealth parts;
    private SessionState state;
    private int lastIdleReading;
    private boolean stepping;

    /** @param serviceCards the tokens of the service cards (technicians', haulers') set at provisioning */
    public SessionRunner(SessionConfig config, Hardware hardware, Display display, Outbox outbox, EventSigner signer,
                         CardTokens cardTokens, Set<String> serviceCards, Optional<OffsetDateTime> calibratedAt,
                         LongSupplier nowMs, Runnable onCommit, java.util.function.BooleanSupplier online) {
        this.config = config;
        this.hardware = hardware;
        this.display = display;
        this.outbox = outbox;
        this.signer = signer;
        this.cardTokens = cardTokens;
        this.serviceCards = Set.copyOf(serviceCards);
        this.calibratedAt = calibratedAt;
        this.machine = new SessionMachine(SessionRules.of(config.timing()));
        this.clawPolicy = config.clawPolicy();
        this.nowMs = nowMs;
        this.onCommit = onCommit;
        this.online = online;
        this.parts = new PartHealth(config.deviceId());
    }

    /** Locks the door, starts idle (or out of service when the store is unhealthy) and shows it. */
    public void begin() {
        safely("lock at start", () -> hardware.doorLock().lock());
        boolean open = false;
        try {
            open = hardware.doorSwitch().isOpen();
        } catch (IOException e) {
            Logger.warn("door switch unreadable deviceId={}: {}", config.deviceId(), e.getMessage());
        }
        state = SessionState.idle(open);
        show(new DisplayMessage.Ready());
        checkHealth();
    }

    public SessionState state() {
        return state;
    }

    public int lastIdleReading() {
        return lastIdleReading;
    }

    /** One poll of the hardware. */
    public void tick() {
        long now = nowMs.getAsLong();
        try {
            Optional<byte[]> uid = hardware.cardReader().poll();
            parts.ok("card reader");
            if (uid.isPresent()) {
                cardTapped(cardTokens.tokenize(uid.get()), now);
            }
        } catch (IOException e) {
            parts.failed("card reader", e);
        }
        try {
            feed(new SessionInput.Door(hardware.doorSwitch().isOpen()));
            parts.ok("door switch");
        } catch (IOException e) {
            parts.failed("door switch", e);
        }
        OptionalInt grams;
        try {
            grams = OptionalInt.of(hardware.scale().readGrams());
            parts.ok("scale");
            if (state.phase() instanceof SessionState.Phase.Idle) {
                lastIdleReading = grams.getAsInt();
            }
        } catch (IOException e) {
            parts.failed("scale", e);
            grams = OptionalInt.empty();
        }
        feed(new SessionInput.Reading(grams));
        feed(new SessionInput.Tick());
        if (hardware.prizeSensor().isPresent()) {
            try {
                Optional<Integer> slot = hardware.prizeSensor().get().poll();
                parts.ok("prize sensor");
                if (slot.isPresent()) {
                    recordPrize(slot.get());
                }
            } catch (IOException e) {
                parts.failed("prize sensor", e);
            }
        }
    }

    /**
     * A service card opens a service session on a bin-weighing kiosk; on a tray kiosk there is
     * no bin weight to record, so it is ignored (never a deposit: it earns nothing).
     */
    private void cardTapped(String card, long now) {
        CardRole role = serviceCards.contains(card) ? CardRole.SERVICE : CardRole.RESIDENT;
        if (role == CardRole.SERVICE && config.scaleMode() == ScaleMode.TRAY) {
            Logger.info("service card ignored deviceId={}: scale.mode=tray has no bin weight to record",
                    config.deviceId());
            return;
        }
        checkHealth();
        feed(new SessionInput.CardTapped(card, isBlocked(card, now), role));
    }

    /** Between sessions or out of service: compares the store's health with the state and tells the machine. */
    public void checkHealth() {
        boolean oos = state.phase() instanceof SessionState.Phase.OutOfService;
        // Between sessions: idle, or showing "recorded" while a receipt may still come.
        boolean idle = state.phase() instanceof SessionState.Phase.Idle
                || state.phase() instanceof SessionState.Phase.AwaitingReceipt;
        if (!oos && !idle) {
            return;
        }
        long free = outbox.freeBytes();
        boolean diskOk = free >= config.minFreeBytes();
        if (idle && (outbox.failed() || !diskOk)) {
            String why = outbox.failed() ? "store-failed" : "disk-low";
            Logger.error("out of service deviceId={} why={} freeBytes={}", config.deviceId(), why, free);
            feed(new SessionInput.StoreFailed(why));
        } else if (oos && diskOk && outbox.probe()) {
            Logger.info("back in service deviceId={}", config.deviceId());
            feed(new SessionInput.StoreHealthy());
        }
    }

    /** A receipt was stored; shows it if the resident is waiting, grants claw plays, remembers blocked cards. */
    public void receiptSettled(Receipt receipt, Settlement settlement) {
        long now = nowMs.getAsLong();
        if (receipt.reason().filter(r -> r == Reason.CARD_BLOCKED).isPresent() && settlement.card().isPresent()) {
            blockedUntil.put(settlement.card().get(), now + config.timing().blockedCardMemory().toMillis());
        }
        feed(new SessionInput.ReceiptArrived(receipt));
        if (config.claw() && settlement.type().equals("deposit") && receipt.status() == DecisionStatus.CREDITED) {
            grantPlays(receipt.eventId(), clawPolicy.playsFor(settlement.netGrams().orElse(0)));
        }
    }

    public void feed(SessionInput input) {
        pending.add(input);
        if (stepping) {
            return;
        }
        stepping = true;
        try {
            SessionInput next;
            while ((next = pending.poll()) != null) {
                SessionMachine.Step step = machine.step(state, next, nowMs.getAsLong());
                state = step.state();
                for (SessionAction action : step.actions()) {
                    if (!run(action)) {
                        break;
                    }
                }
            }
        } finally {
            stepping = false;
        }
    }

    /** Runs one action; false when a store failure stops the rest of the step. */
    private boolean run(SessionAction action) {
        if (action instanceof Show s) {
            show(s.message());
        } else if (action instanceof Unlock) {
            safely("unlock", () -> hardware.doorLock().unlock());
        } else if (action instanceof Lock) {
            safely("lock", () -> hardware.doorLock().lock());
        } else if (action instanceof OpenJournal j) {
            try {
                outbox.openJournal(j.card(), j.tareGrams());
                Logger.info("session opened deviceId={} tareGrams={}", config.deviceId(), j.tareGrams());
            } catch (StoreException e) {
                // The door stays locked: no session we could not journal.
                storeFailed(e);
                safely("lock", () -> hardware.doorLock().lock());
                pending.clear();
                pending.add(new SessionInput.StoreFailed(e.getMessage()));
                state = SessionState.idle(state.doorOpen());
                return false;
            }
        } else if (action instanceof CloseJournal c) {
            try {
                outbox.closeJournal("session ended without event: " + c.why());
                Logger.info("session ended without event deviceId={} why={}", config.deviceId(), c.why());
            } catch (StoreException e) {
                storeFailed(e);
            }
        } else if (action instanceof RecordDeposit d) {
            try {
                StoredEvent e = outbox.append(seq -> signer.deposit(seq, d.card(), config.material(), d.tareGrams(),
                        d.grossGrams(), calibratedAt), true, Optional.empty()).orElseThrow();
                Logger.info("deposit recorded deviceId={} eventId={} netGrams={}", config.deviceId(), e.eventId(),
                        d.grossGrams() - d.tareGrams());
                onCommit.run();
                pending.add(new SessionInput.Committed(e.eventId(), d.grossGrams() - d.tareGrams(),
                        online.getAsBoolean()));
            } catch (StoreException e) {
                storeFailed(e);
                pending.add(new SessionInput.StoreFailed(e.getMessage()));
                return false;
            }
        } else if (action instanceof RecordBinEmptied b) {
            try {
                StoredEvent e = outbox.append(seq -> signer.binEmptied(seq, b.removedGrams(), b.card(),
                        b.afterGrams()), true, Optional.empty()).orElseThrow();
                Logger.info("bin emptied recorded deviceId={} eventId={} removedGrams={} binGramsAfter={}",
                        config.deviceId(), e.eventId(), b.removedGrams(), b.afterGrams());
                onCommit.run();
                pending.add(new SessionInput.Committed(e.eventId(), b.afterGrams() - b.beforeGrams(),
                        online.getAsBoolean()));
            } catch (StoreException e) {
                storeFailed(e);
                pending.add(new SessionInput.StoreFailed(e.getMessage()));
                return false;
            }
        } else if (action instanceof RecordDoorForced) {
            try {
                StoredEvent e = outbox.append(signer::doorForced, false, Optional.empty()).orElseThrow();
                Logger.warn("door forced deviceId={} eventId={}", config.deviceId(), e.eventId());
                onCommit.run();
            } catch (StoreException e) {
                storeFailed(e);
                pending.add(new SessionInput.StoreFailed(e.getMessage()));
            }
        } else if (action instanceof ReceiptOverdue o) {
            Logger.info("no receipt yet deviceId={} eventId={}: recorded, credited when online", config.deviceId(),
                    o.eventId());
            if (config.claw()) {
                grantPlays(o.eventId(), clawPolicy.offlinePlaysFor(o.netGrams()));
            }
        }
        return true;
    }

    /** Shows a message; a broken screen must not stop a deposit from being locked, weighed and recorded. */
    private void show(DisplayMessage message) {
        try {
            display.show(message);
        } catch (RuntimeException e) {
            Logger.error("display failed deviceId={}: {}", config.deviceId(), e.toString());
        }
    }

    private void grantPlays(String forEventId, int plays) {
        if (plays <= 0 || hardware.coinLine().isEmpty()) {
            return;
        }
        try {
            Optional<StoredEvent> e = outbox.append(seq -> signer.clawPlay(seq, plays, forEventId), false,
                    Optional.of(new Outbox.ClawGrant(forEventId, plays)));
            if (e.isEmpty()) {
                return;
            }
            onCommit.run();
            // After the commit: a crash here loses the plays rather than granting them twice.
            hardware.coinLine().get().grantPlays(plays);
            Logger.info("claw plays granted deviceId={} eventId={} forEventId={} plays={}", config.deviceId(),
                    e.get().eventId(), forEventId, plays);
            show(new DisplayMessage.PlaysGranted(plays));
        } catch (StoreException e) {
            storeFailed(e);
        } catch (IOException e) {
            Logger.error("coin line failed deviceId={} forEventId={}: {}", config.deviceId(), forEventId, e.getMessage());
        }
    }

    private void recordPrize(int slot) {
        try {
            StoredEvent e = outbox.append(seq -> signer.prize(seq, slot), false, Optional.empty()).orElseThrow();
            Logger.info("prize recorded deviceId={} eventId={} slot={}", config.deviceId(), e.eventId(), slot);
            onCommit.run();
        } catch (StoreException e) {
            storeFailed(e);
        }
    }

    private boolean isBlocked(String card, long now) {
        Long until = blockedUntil.get(card);
        if (until == null) {
            return false;
        }
        if (until <= now) {
            blockedUntil.remove(card);
            return false;
        }
        return true;
    }

    private void storeFailed(StoreException e) {
        Logger.error("store write failed deviceId={}: {}", config.deviceId(), e.getMessage());
    }

    private interface HardwareCall {
        void run() throws IOException;
    }

    private void safely(String what, HardwareCall call) {
        try {
            call.run();
        } catch (IOException e) {
            Logger.error("door lock {} failed deviceId={}: {}", what, config.deviceId(), e.getMessage());
        }
    }
}
