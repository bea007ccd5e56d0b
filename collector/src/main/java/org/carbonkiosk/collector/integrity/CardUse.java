package org.carbonkiosk.collector.integrity;

import java.time.Instant;

/** A card seen in a deposit at a kiosk, at an instant from a synced clock (for the clone check). */
public record CardUse(String deviceId, String eventId, Instant at) {
}
