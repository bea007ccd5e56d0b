package org.carbonkiosk.collector.integrity;

import java.time.Instant;

/**
 * What the hauler's own scale weighed when it emptied a kiosk ({@code POST /api/devices/{id}/pickups}).
 *
 * @param by         the hauler (name or badge), as the operator entered it
 * @param recordedBy the API token that recorded it
 */
public record Pickup(long id, String deviceId, int collectedGrams, Instant collectedAt, String by,
                     String recordedAt, String recordedBy) {
}
