package org.carbonkiosk.agent.outbox;

/** An outbox row awaiting (or past) delivery: the signed bytes as committed. */
public record StoredEvent(long seq, String eventId, String type, byte[] jws, int attempts) {
}
