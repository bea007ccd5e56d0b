package org.carbonkiosk.collector.decide;

import java.util.Optional;
import org.carbonkiosk.protocol.message.Receipt;

/**
 * What deciding one message produced, to act on after the commit.
 *
 * @param eventId       the eventId when known
 * @param receiptDevice where the receipt goes, when one is due
 * @param receipt       the receipt (also describes the decision for logs and metrics)
 */
public record Decided(Optional<String> eventId, Optional<String> receiptDevice, Receipt receipt) {
}
