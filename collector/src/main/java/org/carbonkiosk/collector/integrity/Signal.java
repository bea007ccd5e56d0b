package org.carbonkiosk.collector.integrity;

import java.util.Objects;
import org.carbonkiosk.protocol.message.Reason;

/**
 * An integrity signal raised by a deposit when it was first decided, with its evidence as a
 * JSON object (for the operator's review): {@code card-clone}, {@code weight-chain},
 * {@code kiosk-flagged} or a material's {@code implausible-weight}. Kept with the event, so a
 * deposit decided again (card bound, review) is still held for a clone or a broken weight chain
 * until an operator approves it.
 */
public record Signal(Reason reason, String evidence) {
    public Signal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(evidence, "evidence");
    }
}
