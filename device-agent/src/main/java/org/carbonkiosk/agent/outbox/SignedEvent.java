package org.carbonkiosk.agent.outbox;

import java.util.Objects;
import org.carbonkiosk.protocol.event.KioskEvent;

/** An event and its JWS compact form, the exact bytes that go on the wire. */
public record SignedEvent(KioskEvent event, String jws) {
    public SignedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(jws, "jws");
    }
}
