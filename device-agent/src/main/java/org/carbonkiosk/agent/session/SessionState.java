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

        /**
         * Card read; taking a steady weight before unlocking (the tare: on a bin-weighing kiosk, the
         * bin as it stands when the door opens, since the door stays locked until then).
         */
        record Taring(String card, CardRole role, long sinceMs, Settler settler) implements Phase {
        }

        /**
         * Door unlocked; the resident puts items in (a service card: the bin is emptied).
         * {@code lastShownNet}: the live weight on the display.
         */
        record Open(String card, CardRole role, int tareGrams, long unlockedAtMs, boolean doorOpened,
                    long doorOpenedAtMs, int lastShownNet) implements Phase {
        }

        /** Door locked again; waiting for a steady gross weight. */
        record Settling(String card, CardRole role, int tareGrams, long sinceMs, Settler settler) implements Phase {
        }

        /** Deposit (or bin emptying) handed to the store; waiting for Committed or StoreFailed. */
        record Recording(String card, CardRole role, int tareGrams, int grossGrams) implements Phase {
        }

        /** Committed; showing "recorded" while waiting a little for the receipt. */
        record AwaitingReceipt(String eventId, int netGrams, long sinceMs) implements Phase {
        }

        /** The store cannot record: no deposits accepted. */
        record OutOfService(String why) implements Phase {
        }
    }
}
