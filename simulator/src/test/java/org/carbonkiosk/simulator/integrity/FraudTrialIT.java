package org.carbonkiosk.simulator.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.carbonkiosk.protocol.message.Reason;
import org.junit.jupiter.api.Test;

/**
 * The fraud trial at a fixed seed, through the real collector: every injected fraud is held
 * (by the signal meant for it), both kiosk-wide frauds are flagged by the mass balance, honest
 * deposits are held at most 1 % of the time, and the same seed gives the same table.
 */
class FraudTrialIT {
    private static final FraudTrial.Settings SMALL = new FraudTrial.Settings(7, 6, 6, 4, 4);

    @Test
    void fixedSeed_everyFraudHeld_honestHeldAtMostOnePercent_deterministic() throws Exception {
        DetectionTable table = FraudTrial.run(SMALL, Files.createTempDirectory("frauds"));
        System.out.print(table.render());

        for (Behaviour fraud : new Behaviour[] {Behaviour.RE_DEPOSIT, Behaviour.CLONED_CARD, Behaviour.SOAKED_BAG}) {
            assertThat(table.deposits(fraud)).as(fraud.name()).isEqualTo(SMALL.fraudsPerKind());
            assertThat(table.held(fraud)).as(fraud.name() + " held").isEqualTo(table.deposits(fraud));
        }
        assertThat(table.heldFor(Behaviour.SOAKED_BAG, Reason.IMPLAUSIBLE_WEIGHT)
                + table.heldFor(Behaviour.SOAKED_BAG, Reason.KIOSK_FLAGGED)).isEqualTo(SMALL.fraudsPerKind());
        assertThat(table.scaleHighKioskFlagged()).isTrue();
        assertThat(table.inventingKioskFlagged()).isTrue();
        assertThat(table.everyFraudHeld()).isTrue();
        assertThat(table.honestDeposits()).isGreaterThan(100);
        assertThat(table.falsePositiveRate()).isLessThanOrEqualTo(0.01);
        // honest behaviours close to a fraud were all there
        for (Behaviour honest : new Behaviour[] {Behaviour.TWO_BAGS, Behaviour.FAMILY, Behaviour.HEAVY_GLASS}) {
            assertThat(table.deposits(honest)).as(honest.name()).isPositive();
        }

        DetectionTable again = FraudTrial.run(SMALL, Files.createTempDirectory("frauds"));
        assertThat(again.render()).isEqualTo(table.render());
    }

}
