package org.carbonkiosk.agent.session;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.carbonkiosk.agent.display.DisplayMessage;
import org.carbonkiosk.agent.session.SessionAction.CloseJournal;
import org.carbonkiosk.agent.session.SessionAction.Lock;
import org.carbonkiosk.agent.session.SessionAction.OpenJournal;
import org.carbonkiosk.agent.session.SessionAction.ReceiptOverdue;
import org.carbonkiosk.agent.session.SessionAction.RecordBinEmptied;
import org.carbonkiosk.agent.session.SessionAction.RecordDeposit;
import org.carbonkiosk.agent.session.SessionAction.RecordDoorForced;
import org.carbonkiosk.agent.session.SessionAction.Show;
import org.carbonkiosk.agent.session.SessionAction.Unlock;
import org.carbonkiosk.agent.session.SessionInput.CardTapped;
import org.carbonkiosk.agent.session.SessionInput.Committed;
import org.carbonkiosk.agent.session.SessionInput.Door;
import org.carbonkiosk.agent.session.SessionInput.Reading;
import org.carbonkiosk.agent.session.SessionInput.ReceiptArrived;
import org.carbonkiosk.agent.session.SessionInput.StoreFailed;
import org.carbonkiosk.agent.session.SessionInput.StoreHealthy;
import org.carbonkiosk.agent.session.SessionState.Phase;
import org.carbonkiosk.agent.session.SessionState.Phase.AwaitingReceipt;
import org.carbonkiosk.agent.session.SessionState.Phase.Idle;
import org.carbonkiosk.agent.session.SessionState.Phase.Open;
import org.carbonkiosk.agent.session.SessionState.Phase.OutOfService;
import org.carbonkiosk.agent.session.SessionState.Phase.Recording;
import org.carbonkiosk.agent.session.SessionState.Phase.Settling;
import org.carbonkiosk.agent.session.SessionState.Phase.Taring;

/**
 * The deposit session, pure: {@code (state, input, now) -> (state, actions)}. No I/O, no clock;
 * the agent runs the actions. Outcomes of the edge cases (see docs/agent.md):
 * <ul>
 * <li>door never opened before {@code doorOpenTimeout}: nothing deposited, no event;</li>
 * <li>any net weight once the door was opened, zero or negative included, is recorded as it is;</li>
 * <li>no steady tare: the door stays locked, "tap again"; no steady gross: no event (a weight is
 *     never guessed), the resident is told plainly the deposit was not recorded;</li>
 * <li>a second card during a session: "busy", the session goes on for the first card;</li>
 * <li>the door opening while locked: a door-forced event;</li>
 * <li>a blocked card: said plainly, the door stays locked;</li>
 * <li>the store failing: out of service, and "recorded" is only ever shown after Committed.</li>
 * </ul>
 * A service card's session ({@link CardRole#SERVICE}) runs the same steps (steady weight before
 * the door unlocks, steady weight after it closes) and ends in a bin-emptied event instead of a
 * deposit, with no receipt to wait for.
 */
public final class SessionMachine {
    private final SessionRules rules;

    public SessionMachine(SessionRules rules) {
        this.rules = rules;
    }

    /** The outcome of one input. */
    public record Step(SessionState state, List<SessionAction> actions) {
        public Step {
            actions = List.copyOf(actions);
        }
    }

    public Step step(SessionState state, SessionInput input, long nowMs) {
        List<SessionAction> actions = new ArrayList<>();
        SessionState next = apply(state, input, nowMs, actions);
        next = timeouts(next, nowMs, actions);
        return new Step(next, actions);
    }

    private SessionState apply(SessionState s, SessionInput input, long now, List<SessionAction> out) {
        Phase phase = s.phase();
        if (input instanceof Door d) {
            return door(s, d.open(), now, out);
        }
        if (input instanceof CardTapped c) {
            return card(s, c, now, out);
        }
        if (input instanceof Reading r) {
            return reading(s, r.grams(), now, out);
        }
        if (input instanceof Committed && phase instanceof Recording r && r.role() == CardRole.SERVICE) {
            out.add(new Show(new DisplayMessage.BinEmptied(
                    new RecordBinEmptied(r.card(), r.tareGrams(), r.grossGrams()).removedGrams(), r.grossGrams())));
            return s.with(new Idle());
        }
        if (input instanceof Committed c && phase instanceof Recording) {
            out.add(new Show(new DisplayMessage.Recorded(c.netGrams())));
            if (!c.online()) {
                out.add(new ReceiptOverdue(c.eventId(), c.netGrams()));
                out.add(new Show(new DisplayMessage.RecordedOffline(c.netGrams())));
                return s.with(new Idle());
            }
            return s.with(new AwaitingReceipt(c.eventId(), c.netGrams(), now));
        }
        if (input instanceof StoreFailed f) {
            if (phase instanceof Recording) {
                out.add(new Show(new DisplayMessage.OutOfService(true)));
                return s.with(new OutOfService(f.why()));
            }
            if (phase instanceof Idle || phase instanceof AwaitingReceipt) {
                out.add(new Show(new DisplayMessage.OutOfService(false)));
                return s.with(new OutOfService(f.why()));
            }
            // Mid-session: the session goes on; its commit will fail and say so.
            return s;
        }
        if (input instanceof StoreHealthy && phase instanceof OutOfService) {
            out.add(new Show(new DisplayMessage.Ready()));
            return s.with(new Idle());
        }
        if (input instanceof ReceiptArrived r && phase instanceof AwaitingReceipt a
                && r.receipt().eventId().equals(a.eventId())) {
            var rc = r.receipt();
            out.add(new Show(new DisplayMessage.ReceiptShown(a.netGrams(), rc.status(), rc.creditedGrams(),
                    rc.monthCreditedGrams(), rc.monthCapGrams(), rc.reason())));
            return s.with(new Idle());
        }
        return s;
    }

    private SessionState door(SessionState s, boolean open, long now, List<SessionAction> out) {
        boolean wasOpen = s.doorOpen();
        SessionState moved = new SessionState(s.phase(), open);
        if (open == wasOpen) {
            return moved;
        }
        if (s.phase() instanceof Open o) {
            if (open) {
                return moved.with(new Open(o.card(), o.role(), o.tareGrams(), o.unlockedAtMs(), true,
                        o.doorOpenedAtMs() >= 0 ? o.doorOpenedAtMs() : now, o.lastShownNet()));
            }
            if (o.doorOpened()) {
                out.add(new Lock());
                out.add(new Show(new DisplayMessage.Weighing()));
                return moved.with(new Settling(o.card(), o.role(), o.tareGrams(), now, Settler.empty()));
            }
            return moved;
        }
        if (open) {
            // The door is locked in every other phase: it was forced.
            out.add(new RecordDoorForced());
            out.add(new Show(new DisplayMessage.DoorForced()));
        }
        return moved;
    }

    private SessionState card(SessionState s, CardTapped c, long now, List<SessionAction> out) {
        Phase phase = s.phase();
        if (phase instanceof OutOfService) {
            out.add(new Show(new DisplayMessage.OutOfService(false)));
            return s;
        }
        if (phase instanceof Idle || phase instanceof AwaitingReceipt) {
            if (c.blocked()) {
                out.add(new Show(new DisplayMessage.CardBlocked()));
                return s;
            }
            out.add(new Show(new DisplayMessage.CardRead()));
            return s.with(new Taring(c.card(), c.role(), now, Settler.empty()));
        }
        if (!c.card().equals(cardOf(phase))) {
            out.add(new Show(new DisplayMessage.Busy()));
        }
        return s;
    }

    private SessionState reading(SessionState s, OptionalInt grams, long now, List<SessionAction> out) {
        Phase phase = s.phase();
        if (phase instanceof Taring t) {
            Settler settler = grams.isPresent() ? t.settler().add(grams.getAsInt(), rules.settleCount())
                    : t.settler().broken();
            OptionalInt tare = settler.settled(rules.settleBandGrams(), rules.settleCount());
            if (tare.isPresent()) {
                out.add(new OpenJournal(t.card(), tare.getAsInt()));
                out.add(new Unlock());
                out.add(new Show(t.role() == CardRole.SERVICE ? new DisplayMessage.ServiceDoorUnlocked()
                        : new DisplayMessage.DoorUnlocked()));
                return s.with(new Open(t.card(), t.role(), tare.getAsInt(), now, s.doorOpen(), s.doorOpen() ? now : -1,
                        0));
            }
            return s.with(new Taring(t.card(), t.role(), t.sinceMs(), settler));
        }
        if (phase instanceof Open o && grams.isPresent()) {
            int net = grams.getAsInt() - o.tareGrams();
            // Items moved beyond the band: the door was opened, whatever a faulty switch says.
            boolean opened = o.doorOpened() || Math.abs(net) > rules.settleBandGrams();
            long openedAt = o.doorOpened() ? o.doorOpenedAtMs() : opened ? now : -1;
            // Live weight only when it moved beyond the band: scale noise does not flood the display.
            boolean show = Math.abs(net - o.lastShownNet()) > rules.settleBandGrams();
            if (show) {
                out.add(new Show(new DisplayMessage.LiveWeight(net)));
            }
            if (show || opened != o.doorOpened()) {
                return s.with(new Open(o.card(), o.role(), o.tareGrams(), o.unlockedAtMs(), opened, openedAt,
                        show ? net : o.lastShownNet()));
            }
            return s;
        }
        if (phase instanceof Settling st) {
            Settler settler = grams.isPresent() ? st.settler().add(grams.getAsInt(), rules.settleCount())
                    : st.settler().broken();
            OptionalInt gross = settler.settled(rules.settleBandGrams(), rules.settleCount());
            if (gross.isPresent()) {
                out.add(st.role() == CardRole.SERVICE
                        ? new RecordBinEmptied(st.card(), st.tareGrams(), gross.getAsInt())
                        : new RecordDeposit(st.card(), st.tareGrams(), gross.getAsInt()));
                return s.with(new Recording(st.card(), st.role(), st.tareGrams(), gross.getAsInt()));
            }
            return s.with(new Settling(st.card(), st.role(), st.tareGrams(), st.sinceMs(), settler));
        }
        return s;
    }

    private SessionState timeouts(SessionState s, long now, List<SessionAction> out) {
        Phase phase = s.phase();
        if (phase instanceof Taring t && now - t.sinceMs() >= rules.settleTimeoutMs()) {
            out.add(new Show(new DisplayMessage.ScaleUnsettled(false)));
            return s.with(new Idle());
        }
        if (phase instanceof Open o) {
            if (!o.doorOpened() && now - o.unlockedAtMs() >= rules.doorOpenTimeoutMs()) {
                out.add(new Lock());
                out.add(new CloseJournal("nothing-deposited"));
                out.add(new Show(new DisplayMessage.NothingDeposited()));
                return s.with(new Idle());
            }
            long closeTimeout = o.role() == CardRole.SERVICE ? rules.serviceDoorCloseTimeoutMs()
                    : rules.doorCloseTimeoutMs();
            if (o.doorOpened() && now - o.doorOpenedAtMs() >= closeTimeout) {
                out.add(new Lock());
                out.add(new Show(new DisplayMessage.Weighing()));
                return s.with(new Settling(o.card(), o.role(), o.tareGrams(), now, Settler.empty()));
            }
        }
        if (phase instanceof Settling st && now - st.sinceMs() >= rules.settleTimeoutMs()) {
            out.add(new CloseJournal("scale-unsettled"));
            out.add(new Show(new DisplayMessage.ScaleUnsettled(true)));
            return s.with(new Idle());
        }
        if (phase instanceof AwaitingReceipt a && now - a.sinceMs() >= rules.receiptWaitMs()) {
            out.add(new ReceiptOverdue(a.eventId(), a.netGrams()));
            out.add(new Show(new DisplayMessage.RecordedOffline(a.netGrams())));
            return s.with(new Idle());
        }
        return s;
    }

    private static String cardOf(Phase phase) {
        if (phase instanceof Taring t) {
            return t.card();
        } else if (phase instanceof Open o) {
            return o.card();
        } else if (phase instanceof Settling st) {
            return st.card();
        } else if (phase instanceof Recording r) {
            return r.card();
        }
        return null;
    }
}
