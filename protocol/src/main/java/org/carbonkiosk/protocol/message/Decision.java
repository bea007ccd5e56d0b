package org.carbonkiosk.protocol.message;

import java.util.Objects;
import java.util.Optional;

/**
 * A business outcome for one event: status, reason and the grams credited. A value, never an
 * exception. The reason is absent for a credit above zero and for {@link #recorded()}: an
 * event of a type that is recorded and audited but never credited (claw-play, prize,
 * door-forced, tamper), answered {@code credited} with 0 g so the kiosk settles it.
 */
public record Decision(DecisionStatus status, Optional<Reason> reason, int creditedGrams) {

    public Decision {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if (creditedGrams < 0) {
            throw new IllegalArgumentException("creditedGrams must be >= 0");
        }
        if (reason.isPresent() && reason.get().status() != status) {
            throw new IllegalArgumentException(reason.get().wire() + " goes with " + reason.get().status().wire());
        }
        if (status != DecisionStatus.CREDITED && creditedGrams != 0) {
            throw new IllegalArgumentException("only a credited decision carries grams");
        }
    }

    /** A credit above zero; or, with zero, use {@link #creditedNothing(Reason)}. */
    public static Decision credited(int grams) {
        if (grams <= 0) {
            throw new IllegalArgumentException("a credit needs grams > 0; use creditedNothing or recorded");
        }
        return new Decision(DecisionStatus.CREDITED, Optional.empty(), grams);
    }

    /** Credited with 0 g: {@code cap-reached} or {@code below-minimum}. */
    public static Decision creditedNothing(Reason reason) {
        return new Decision(DecisionStatus.CREDITED, Optional.of(reason), 0);
    }

    /** A non-deposit event, recorded and audited, never credited: credited, 0 g, no reason. */
    public static Decision recorded() {
        return new Decision(DecisionStatus.CREDITED, Optional.empty(), 0);
    }

    /** True for {@link #recorded()}. */
    public boolean isRecordedOnly() {
        return status == DecisionStatus.CREDITED && reason.isEmpty() && creditedGrams == 0;
    }

    public static Decision held(Reason reason) {
        return new Decision(DecisionStatus.HELD, Optional.of(reason), 0);
    }

    public static Decision rejected(Reason reason) {
        return new Decision(DecisionStatus.REJECTED, Optional.of(reason), 0);
    }

    /** The decision a reason implies, with no credit. */
    public static Decision of(Reason reason) {
        return new Decision(reason.status(), Optional.of(reason), 0);
    }
}
