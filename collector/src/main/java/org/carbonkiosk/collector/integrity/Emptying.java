package org.carbonkiosk.collector.integrity;

import java.time.Instant;

/** A kiosk's {@code bin-emptied} event, as the mass balance reads it. */
public record Emptying(long seq, String eventId, Instant at, int removedGrams, int binGramsAfter) {
}
