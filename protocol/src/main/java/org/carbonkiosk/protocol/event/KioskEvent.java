package org.carbonkiosk.protocol.event;

import java.time.OffsetDateTime;

/** A signed kiosk event's payload: one of the six types of PROTOCOL.md section 4. */
public sealed interface KioskEvent permits DepositEvent, ClawPlayEvent, PrizeEvent, DoorForcedEvent, TamperEvent,
        BinEmptiedEvent {

    Envelope envelope();

    EventType type();

    default String eventId() {
        return envelope().eventId();
    }

    default String deviceId() {
        return envelope().deviceId();
    }

    default long seq() {
        return envelope().seq();
    }

    default OffsetDateTime occurredAt() {
        return envelope().occurredAt();
    }
}
