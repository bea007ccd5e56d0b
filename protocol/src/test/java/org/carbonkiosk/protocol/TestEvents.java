package org.carbonkiosk.protocol;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.protocol.event.BinEmptiedEvent;
import org.carbonkiosk.protocol.event.ClawPlayEvent;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.DoorForcedEvent;
import org.carbonkiosk.protocol.event.Envelope;
import org.carbonkiosk.protocol.event.KioskEvent;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.event.PrizeEvent;
import org.carbonkiosk.protocol.event.TamperEvent;

/** Events of every type, as the contract's examples write them. */
public final class TestEvents {
    public static final String DEVICE = "WH-HS-0001";
    public static final String CARD = "9f2c4e6a8b0d1f3e5c7a9b1d3f5e7c9a0b2d4f6e8a0c2e4f6a8b0d2f4e6a8c0e";
    public static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-21T09:12:33.120+08:00");
    public static final OffsetDateTime CALIBRATED = OffsetDateTime.parse("2026-10-02T10:00:00.000+08:00");

    private TestEvents() {
    }

    public static Envelope envelope(long seq) {
        return new Envelope(DEVICE, seq, AT, true, "1.0.0");
    }

    /** The deposit of PROTOCOL.md section 4. */
    public static DepositEvent deposit() {
        return DepositEvent.of(envelope(42), CARD, Material.MIXED, 10_234, 11_054, Optional.of(CALIBRATED));
    }

    public static DepositEvent depositWithoutCalibration() {
        return DepositEvent.of(envelope(43), CARD, Material.PAPER, 500, 1_700, Optional.empty());
    }

    public static DepositEvent negativeNetDeposit() {
        return DepositEvent.of(new Envelope(DEVICE, 44, AT, false, "1.0.0"), CARD, Material.PLASTIC, 11_054, 10_900,
                Optional.of(CALIBRATED));
    }

    public static ClawPlayEvent clawPlay() {
        return new ClawPlayEvent(envelope(45), 3, DEVICE + ":42");
    }

    public static PrizeEvent prize() {
        return new PrizeEvent(envelope(46), 7);
    }

    public static DoorForcedEvent doorForced() {
        return new DoorForcedEvent(envelope(47));
    }

    public static TamperEvent tamper() {
        return new TamperEvent(envelope(48));
    }

    public static final String SERVICE_CARD = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";

    /** The bin of a recycling box emptied by a hauler: 11 054 g taken out, 180 g left on the scale. */
    public static BinEmptiedEvent binEmptied() {
        return new BinEmptiedEvent(envelope(49), 10_874, SERVICE_CARD, 180);
    }

    public static List<KioskEvent> everyType() {
        return List.of(deposit(), depositWithoutCalibration(), negativeNetDeposit(), clawPlay(), prize(), doorForced(),
                tamper(), binEmptied());
    }
}
