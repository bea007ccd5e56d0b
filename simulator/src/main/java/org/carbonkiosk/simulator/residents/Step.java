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

    /** A fraud attempt, published straight to the broker. */
    record Fraud(Instant at, FraudKind kind, int resident) implements Step {
    }

    /** The attempts the collector must refuse. */
    enum FraudKind { FORGED_SIGNATURE, TAMPERED_PAYLOAD, REPLAYED_EVENT, REVOKED_KIOSK }
}
