package org.carbonkiosk.collector.ingest;

import java.time.Instant;

/**
 * An event message as the broker delivered it, not yet looked at.
 *
 * @param receivedAt  the collector's receive time (business clock)
 * @param acknowledge sends the MQTT acknowledgement; called once, after the decision is committed
 */
public record Inbound(String topic, byte[] raw, Instant receivedAt, Runnable acknowledge) {
}
