package org.carbonkiosk.simulator.residents;

import java.time.Instant;
import java.util.List;

/** One thing that happens in the simulated month, at a slot's instant. */
public sealed interface Step {
    Instant at();

    /** A resident puts items in: each element of {@code adds} is one handful, in grams. */
    record Deposit(Instant at, int kiosk, int resident, int card, List<Integer> adds) implements Step {
        public Deposit {
            adds = List.copyOf(adds);
        }

        public int netGrams() {
            return adds.stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** The resident binds a card to the account through the operator (PUT /api/cards/{card}). */
    record Bind(Instant at, int resident, int card) implements Step {
    }

    /** A kiosk's uplink goes down or comes back. */
    record Link(Instant at, int kiosk, boolean up) implements Step {
    }

    /** The MQTT broker stops or starts again (a restart keeps its sessions). */
    record Broker(Instant at, boolean up) implements Step {
    }

    /** The ledger goes down or comes back. */
    record Ledger(Instant at, boolean up) implements Step {
    }

    /** (chaos) The broker is stopped and started on a fresh data folder: every session and in-flight message is lost. */
    record BrokerReset(Instant at) implements Step {
    }

    /** (chaos) The collector stops ({@code up} false, gracefully) or starts again on the same data. */
    record Collector(Instant at, CollectorAction action) implements Step {
    }

    /** What a {@link Collector} step does to the collector. */
    enum CollectorAction {
        /** Stops gracefully: the broker keeps its session and the events meanwhile. */
        STOP,
        /** Dies at its next commit, after the decision is stored and before any receipt or acknowledgement. */
        CRASH_AT_NEXT_COMMIT,
        /** Starts again on the same SQLite file and MQTT session (after a crash: halted first if still alive). */
        START
    }

    /** (chaos) A kiosk's agent is stopped and started again on the same data folder. */
    record AgentRestart(Instant at, int kiosk) implements Step {
    }

    /**
     * (chaos) A resident taps, the door opens, {@code grams} go in, and the agent is stopped before
     * the door closes: before the outbox commit. The kiosk never records it; the agent starts again.
     */
    record InterruptedDeposit(Instant at, int kiosk, int resident, int card, int grams) implements Step {
    }

    /** (chaos) A kiosk's disk is full ({@code full}) or has room again. */
    record DiskFull(Instant at, int kiosk, boolean full) implements Step {
    }

    /** (chaos) The kiosk makes key version n+1, the collector registers it, the agent restarts on it. */
    record KeyRotation(Instant at, int kiosk) implements Step {
    }

    /** A fraud attempt, published straight to the broker. */
    record Fraud(Instant at, FraudKind kind, int resident) implements Step {
    }

    /** The attempts the collector must refuse. */
    enum FraudKind { FORGED_SIGNATURE, TAMPERED_PAYLOAD, REPLAYED_EVENT, REVOKED_KIOSK }
}
