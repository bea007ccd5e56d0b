package org.carbonkiosk.protocol.message;

import java.util.Optional;

/** Reason codes of PROTOCOL.md section 5, each with the status it comes with. */
public enum Reason {
    CAP_REACHED("cap-reached", DecisionStatus.CREDITED),
    BELOW_MINIMUM("below-minimum", DecisionStatus.CREDITED),
    IMPLAUSIBLE_WEIGHT("implausible-weight", DecisionStatus.HELD),
    CALIBRATION_EXPIRED("calibration-expired", DecisionStatus.HELD),
    CARD_UNBOUND("card-unbound", DecisionStatus.HELD),
    CARD_BLOCKED("card-blocked", DecisionStatus.REJECTED),
    CARD_CLONE("card-clone", DecisionStatus.HELD),
    WEIGHT_CHAIN("weight-chain", DecisionStatus.HELD),
    KIOSK_FLAGGED("kiosk-flagged", DecisionStatus.HELD),
    STALE("stale", DecisionStatus.HELD),
    CLOCK_SKEW("clock-skew", DecisionStatus.HELD),
    SEQ_CONFLICT("seq-conflict", DecisionStatus.REJECTED),
    BAD_SIGNATURE("bad-signature", DecisionStatus.REJECTED),
    UNKNOWN_DEVICE("unknown-device", DecisionStatus.REJECTED),
    REVOKED_DEVICE("revoked-device", DecisionStatus.REJECTED),
    TOPIC_MISMATCH("topic-mismatch", DecisionStatus.REJECTED),
    MALFORMED("malformed", DecisionStatus.REJECTED);

    private static final Reason[] VALUES = values();
    private final String wire;
    private final DecisionStatus status;

    Reason(String wire, DecisionStatus status) {
        this.wire = wire;
        this.status = status;
    }

    public String wire() {
        return wire;
    }

    /** The status a decision with this reason has. */
    public DecisionStatus status() {
        return status;
    }

    public static Optional<Reason> fromWire(String wire) {
        for (Reason v : VALUES) {
            if (v.wire.equals(wire)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
