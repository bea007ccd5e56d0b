package org.carbonkiosk.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * An event's current decision as {@code GET /api/events/{eventId}} reports it.
 *
 * @param status        {@code credited}, {@code held}, {@code rejected}, ... ("" when the answer has none)
 * @param reason        the decision's reason code, when it has one
 * @param creditedGrams grams credited for it (0 when none)
 */
public record EventDecision(String status, Optional<String> reason, int creditedGrams) {

    static EventDecision from(JsonNode o) {
        JsonNode reason = o.path("reason");
        return new EventDecision(o.path("status").asText(""),
                reason.isTextual() ? Optional.of(reason.asText()) : Optional.empty(), o.path("creditedGrams").asInt());
    }
}
