package org.carbonkiosk.collector.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.carbonkiosk.collector.integrity.Signal;
import org.carbonkiosk.protocol.json.StrictJson;

/** An integrity signal's evidence in the reader's words (the held queue). */
final class SignalText {
    private SignalText() {
    }

    static String of(Ctx x, Signal s) {
        JsonNode e;
        try {
            e = StrictJson.mapper().readTree(s.evidence());
        } catch (JsonProcessingException ex) {
            return s.evidence();
        }
        return switch (s.reason()) {
            case CARD_CLONE -> x.t("signal.card-clone", e.path("otherDeviceId").asText(),
                    e.path("secondsBetween").asLong(), e.path("windowSeconds").asLong(),
                    e.path("otherEventId").asText());
            case WEIGHT_CHAIN -> x.t("signal.weight-chain", e.path("previousEventId").asText(),
                    e.path("previousGrossGrams").asLong(), e.path("tareGrams").asLong(), e.path("gapGrams").asLong(),
                    e.path("toleranceGrams").asLong());
            case IMPLAUSIBLE_WEIGHT -> x.t("signal.implausible-weight", e.path("material").asText(),
                    e.path("netGrams").asLong(), e.path("limitGrams").asLong());
            case KIOSK_FLAGGED -> x.t("signal.kiosk-flagged", e.path("flaggedBecause").asText(),
                    e.path("flaggedBy").asText(), Times.of(e.path("flaggedAt").asText()));
            default -> s.evidence();
        };
    }
}
