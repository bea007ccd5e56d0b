package org.carbonkiosk.protocol.event;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.carbonkiosk.protocol.CardToken;

/**
 * Items weighed into a recycling box. {@code netGrams} is always {@code grossGrams - tareGrams}
 * and may be zero or negative (items removed, scale drift): reported, never hidden.
 *
 * @param card         the card token (lowercase hex HMAC-SHA256), never the raw UID
 * @param calibratedAt when the scale was last calibrated, if known
 */
public record DepositEvent(Envelope envelope, String card, Material material, int tareGrams, int grossGrams,
                           int netGrams, Optional<OffsetDateTime> calibratedAt) implements KioskEvent {
    /** Tare and gross readings must lie within plus or minus this many grams (one tonne). */
    public static final int MAX_ABS_WEIGHT_GRAMS = 1_000_000;
    public static final Pattern CARD_PATTERN = Pattern.compile("^[0-9a-f]{64}$");

    public DepositEvent {
        Objects.requireNonNull(envelope, "envelope");
        if (!CardToken.isValid(card)) {
            throw new IllegalArgumentException("card must be 64 lowercase hex characters");
        }
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(calibratedAt, "calibratedAt");
        if (Math.abs((long) tareGrams) > MAX_ABS_WEIGHT_GRAMS || Math.abs((long) grossGrams) > MAX_ABS_WEIGHT_GRAMS) {
            throw new IllegalArgumentException("weights must be within +-" + MAX_ABS_WEIGHT_GRAMS + " g");
        }
        if (netGrams != grossGrams - tareGrams) {
            throw new IllegalArgumentException("netGrams must equal grossGrams - tareGrams");
        }
    }

    /** A deposit whose net weight is computed from tare and gross. */
    public static DepositEvent of(Envelope envelope, String card, Material material, int tareGrams, int grossGrams,
                                  Optional<OffsetDateTime> calibratedAt) {
        return new DepositEvent(envelope, card, material, tareGrams, grossGrams, grossGrams - tareGrams, calibratedAt);
    }

    @Override
    public EventType type() {
        return EventType.DEPOSIT;
    }
}
