package org.carbonkiosk.agent.outbox;

import java.util.Optional;

/**
 * What a receipt settled: the event's type and, for deposits, its card token and net weight.
 *
 * @param firstTime false when the event was already settled by an earlier receipt
 */
public record Settlement(String eventId, String type, Optional<String> card, Optional<Integer> netGrams,
                         boolean firstTime) {
}
