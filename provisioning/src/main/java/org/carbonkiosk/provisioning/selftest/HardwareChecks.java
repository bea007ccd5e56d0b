package org.carbonkiosk.provisioning.selftest;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.carbonkiosk.agent.hardware.Calibration;
import org.carbonkiosk.agent.identity.FleetCardKeyFile;
import org.carbonkiosk.provisioning.KioskConfig;
import org.carbonkiosk.provisioning.hardware.CardTap;
import org.carbonkiosk.provisioning.hardware.ToolHardware;

/** The scale and card reader checks of self-test. The card UID is turned into a token at once and never shown. */
final class HardwareChecks {
    private static final int READINGS = 5;
    private final ToolHardware hardware;
    private final KioskConfig kiosk;

    HardwareChecks(ToolHardware hardware, KioskConfig kiosk) {
        this.hardware = hardware;
        this.kiosk = kiosk;
    }

    Check scale(Optional<Calibration> calibration) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        try {
            for (int i = 0; i < READINGS; i++) {
                long raw = hardware.loadCell().readRaw();
                min = Math.min(min, raw);
                max = Math.max(max, raw);
            }
        } catch (IOException e) {
            return Check.fail("scale", "the scale is not responding (" + e.getMessage() + "): check the load-cell"
                    + " cable and the hardware.* settings");
        }
        if (calibration.isEmpty()) {
            return Check.fail("scale", "responds (raw " + min + ".." + max + " counts) but is not calibrated");
        }
        Calibration c = calibration.get();
        return Check.pass("scale", "reads " + c.toGrams((min + max) / 2) + " g (spread "
                + Math.abs(c.toGrams(max) - c.toGrams(min)) + " g over " + READINGS + " readings)");
    }

    /** A scale that weighs by itself (weighing terminal, PLC): its grams, no calibration here. */
    Check gramsScale() {
        try {
            int grams = hardware.loadCell().readRaw();
            return Check.pass("scale", "reads " + grams + " g (the scale's own calibration)");
        } catch (IOException e) {
            return Check.fail("scale", "the scale is not responding (" + e.getMessage() + "): check its cable and"
                    + " the hardware.* settings");
        }
    }

    Check card(Duration timeout, Consumer<String> say) throws IOException {
        byte[] fleetKey = new FleetCardKeyFile(kiosk.cardKeyFile()).read();
        say.accept("Tap a card on the reader (waiting up to " + timeout.toSeconds() + " s)...");
        Optional<String> token = CardTap.token(hardware, fleetKey, timeout);
        if (token.isPresent()) {
            return Check.pass("card reader", "card read, token " + token.get().substring(0, 8) + "...");
        }
        return Check.fail("card reader", "no card read within " + timeout.toSeconds() + " s: check the reader's"
                + " cable and hardware.* settings, hold the card flat on the reader for a second");
    }
}
