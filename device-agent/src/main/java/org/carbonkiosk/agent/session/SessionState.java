package org.carbonkiosk.agent.session;

/**
 * Where a kiosk is: a phase and the door switch's last known position (closed -> open while the
 * door is locked is a forced door).
 */
public record SessionState(Phase phase, boolean doorOpen) {

    public static SessionState idle(boolean doorOpen) {
        return new SessionState(new Phase.Idle(), doorOpen);
    }

    public SessionState with(Phase next) {
        return new SessionState(next, doorOpen);
    }

    /** The phases of a deposit session. */
    public sealed interface Phase {
        /** Waiting for a card; door locked. */
        record Idle() implements Phase {
        }

        /** Card read; taking a steady empty weight before unlocking. */
        record Taring(String card, long sinceMs, Settler settler) implements Phase {
        }

        /** Door unlocked; the resident puts items in. {@code lastShownNet}: the live weight on the display. */
        record Open(String card, int tareGrams, long unlockedAtMs, boolean doorOpened, long doorOpenedAtMs,
                    int lastShownNet) implements Phase {
        }

        /** Door locked again; waiting for a steady gross weight. */
        record Settling(String card, int tareGrams, long sinceMs, Settler settler) implements Phase {
        }

        /** Deposit handed to the store; waiting for Committed or StoreFailed. */
        record Recording(String card, int tareGrams, int grossGrams) implements Phase {
        }

        /** Committed; showing "recorded" while waiting a little for the receipt. */
        record AwaitingReceipt(String eventId, int netGrams, long sinceMs) implements Phase {
        }

        /** The store cannot record: no deposits accepted. */
        record OutOfService(String why) implements Phase {
        }
    }
}
