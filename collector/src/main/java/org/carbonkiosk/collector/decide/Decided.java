package org.carbonkiosk.collector.decide;

import java.util.Optional;
import org.carbonkiosk.protocol.message.Receipt;

/**
 * What deciding one message produced, to act on after the commit.
 *
 * @param eventId        the eventId when known
 * @param receiptDevice  where the receipt goes, when one is due
 * @param receipt        the receipt (also describes the decision for logs and metrics)
 * @param verifiedDevice the device whose signature verified, when one did (it was seen just now)
 * @param creditQueued   a credit was queued for the ledger
 */
public record Decided(Optional<String> eventId, Optional<String> receiptDevice, Receipt receipt,
                      Optional<String> verifiedDevice, boolean creditQueued) {
}
