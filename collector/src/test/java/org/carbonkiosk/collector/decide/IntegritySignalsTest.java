package org.carbonkiosk.collector.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.carbonkiosk.collector.credit.CreditRule;
import org.carbonkiosk.collector.credit.RuleVersions;
import org.carbonkiosk.collector.integrity.BalanceTolerance;
import org.carbonkiosk.collector.integrity.IntegrityLimits;
import org.carbonkiosk.collector.integrity.KioskFlag;
import org.carbonkiosk.protocol.ScaleMode;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.protocol.event.BinEmptiedEvent;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;
import org.carbonkiosk.protocol.message.Receipt;
import org.junit.jupiter.api.Test;

/**
 * The integrity signals of PROTOCOL.md v1.1 in the decision core, from their definitions:
 * weight chain, card clone, plausible weight per material, kiosk flagged, mass balance.
 */
class IntegritySignalsTest {
    private static final OffsetDateTime AT = SigningDevice.AT;
    private static final Instant NOW = SigningDevice.RECEIVED.plusSeconds(1);
    private static final String SERVICE_CARD = SigningDevice.card("hauler");
    private final SigningDevice.Registry registry = new SigningDevice.Registry();
    private final Screener screener = registry.screener();
    private final InMemoryDecisionStore store = new InMemoryDecisionStore();
    private final SigningDevice bin = new SigningDevice("WH-HS-0001", registry);
    private final SigningDevice other = new SigningDevice("WH-HS-0002", registry);
    private final String card = SigningDevice.card("resident-1");
    private DecisionCore core = core(IntegrityLimits.defaults());

    IntegritySignalsTest() {
        store.device(bin.deviceId, ScaleMode.BIN);
        store.device(other.deviceId, ScaleMode.BIN);
        store.bind(card, "acct-1");
    }

    private static DecisionCore core(IntegrityLimits limits) {
        return new DecisionCore(RuleVersions.of(CreditRule.defaults()),
                new Checks(Duration.ofDays(7), Duration.ofMinutes(5), Duration.ofDays(365), false, Duration.ofDays(7)),
                limits);
    }

    private Receipt decide(SigningDevice k, byte[] raw) {
        Screened s = screener.screen(k.topic(), raw, SigningDevice.RECEIVED);
        return store.inTransaction(tx -> core.decide(tx, s, NOW)).receipt();
    }

    private Receipt deposit(SigningDevice k, String card, Material m, int tare, int gross, OffsetDateTime at) {
        return decide(k, k.sign(DepositEvent.of(k.next(at, true), card, m, tare, gross, Optional.of(at.minusDays(30)))));
    }

    private Receipt deposit(SigningDevice k, int tare, int gross) {
        return deposit(k, card, Material.MIXED, tare, gross, AT);
    }

    private Receipt emptied(SigningDevice k, int removed, int after) {
        return decide(k, k.sign(new BinEmptiedEvent(k.next(AT, true), removed, SERVICE_CARD, after)));
    }

    private static void assertHeld(Receipt r, Reason reason) {
        assertThat(r.status()).isEqualTo(DecisionStatus.HELD);
        assertThat(r.reason()).contains(reason);
        assertThat(r.creditedGrams()).isZero();
    }

    private static void assertCredited(Receipt r) {
        assertThat(r.status()).isEqualTo(DecisionStatus.CREDITED);
        assertThat(r.creditedGrams()).isPositive();
    }

    @Test
    void weightChain_tareBelowPreviousGrossByMoreThanTheTolerance_held_withTheGapAsEvidence() {
        assertCredited(deposit(bin, 1000, 1800));
        Receipt r = deposit(bin, 1500, 2300);
        assertHeld(r, Reason.WEIGHT_CHAIN);
        String evidence = store.signals(r.eventId()).get(0).evidence();
        assertThat(evidence).contains("\"previousEventId\":\"WH-HS-0001:1\"", "\"previousGrossGrams\":1800",
                "\"tareGrams\":1500", "\"gapGrams\":300", "\"toleranceGrams\":200");
    }

    @Test
    void weightChain_driftWithinTheTolerance_exactlyAtIt_notHeld() {
        assertCredited(deposit(bin, 1000, 1800));
        assertCredited(deposit(bin, 1600, 2200)); // 200 g below: the tolerance itself
        assertCredited(deposit(bin, 2250, 2700)); // above the previous gross: items only added
    }

    @Test
    void weightChain_binEmptiedBetween_notHeld() {
        assertCredited(deposit(bin, 1000, 1800));
        assertThat(emptied(bin, 1700, 100).status()).isEqualTo(DecisionStatus.CREDITED);
        assertCredited(deposit(bin, 100, 900));
    }

    @Test
    void weightChain_otherEventTypesBetween_stillChecked_andASeqGapStartsTheChainAgain() {
        assertCredited(deposit(bin, 1000, 1800));
        decide(bin, bin.sign(new org.carbonkiosk.protocol.event.DoorForcedEvent(bin.next(AT, true))));
        assertHeld(deposit(bin, 0, 800), Reason.WEIGHT_CHAIN);
        bin.seq++; // seq 4 never arrives: it may have been an emptying
        assertCredited(deposit(bin, 0, 800));
    }

    @Test
    void weightChain_trayKiosk_notChecked() {
        SigningDevice tray = new SigningDevice("WH-TR-0001", registry);
        store.device(tray.deviceId, ScaleMode.TRAY);
        assertCredited(deposit(tray, 0, 800));
        assertCredited(deposit(tray, 0, 800));
    }

    @Test
    void cardClone_sameCardAtAnotherKioskWithinTheWindow_held_andAtItsEdge() {
        OffsetDateTime t = AT.minusMinutes(10); // all before the receive time: no clock-skew
        assertCredited(deposit(bin, card, Material.MIXED, 0, 300, t));
        Receipt clone = deposit(other, card, Material.MIXED, 0, 300, t.plusMinutes(3));
        assertHeld(clone, Reason.CARD_CLONE);
        assertThat(store.signals(clone.eventId()).get(0).evidence())
                .contains("\"otherDeviceId\":\"WH-HS-0001\"", "\"secondsBetween\":180", "\"windowSeconds\":180");
        // just outside the window of both earlier sightings
        assertCredited(deposit(bin, card, Material.MIXED, 300, 600, t.plusMinutes(6).plusNanos(1_000_000)));
    }

    @Test
    void cardClone_sameCardAtTheSameKioskTwice_notHeld_unsyncedClock_notChecked() {
        assertCredited(deposit(bin, card, Material.MIXED, 0, 300, AT));
        assertCredited(deposit(bin, card, Material.MIXED, 300, 600, AT.plusSeconds(20)));
        Receipt unsynced = decide(other, other.sign(DepositEvent.of(other.next(AT.plusSeconds(30), false), card,
                Material.MIXED, 0, 300, Optional.of(AT.minusDays(30)))));
        assertCredited(unsynced);
    }

    @Test
    void implausibleWeight_perMaterial_paperOverEightKilos_held_heavyGlassCredited() {
        assertCredited(deposit(bin, card, Material.PAPER, 0, 8_000, AT));
        Receipt soaked = deposit(bin, card, Material.PAPER, 8_000, 16_001, AT);
        assertHeld(soaked, Reason.IMPLAUSIBLE_WEIGHT);
        assertThat(store.signals(soaked.eventId()).get(0).evidence())
                .contains("\"material\":\"paper\"", "\"limitGrams\":8000", "\"netGrams\":8001");
        assertCredited(deposit(bin, card, Material.GLASS, 16_001, 28_001, AT));
    }

    @Test
    void kioskFlagged_depositsHeld_clearingReleasesThem() {
        store.inTransaction(tx -> {
            tx.flagKiosk(bin.deviceId, Optional.of(new KioskFlag("scale tampered?", "ops", NOW.toString())));
            return null;
        });
        Receipt r = deposit(bin, 0, 800);
        assertHeld(r, Reason.KIOSK_FLAGGED);
        var released = store.inTransaction(tx -> {
            tx.flagKiosk(bin.deviceId, Optional.empty());
            return new HeldEvents(core).kioskCleared(tx, bin.deviceId, NOW);
        });
        assertThat(released).extracting(StoredEvent::eventId).containsExactly(r.eventId());
        assertThat(released.get(0).creditedGrams()).isEqualTo(1200);
    }

    @Test
    void review_approvingAHeldWeightChainDeposit_creditsItUnderTheCapAsItStandsAtApproval() {
        assertCredited(deposit(bin, 0, 1000)); // 1500 g
        Receipt held = deposit(bin, 0, 1000); // weight chain: 1000 g below
        assertHeld(held, Reason.WEIGHT_CHAIN);
        assertCredited(deposit(bin, 1000, 2000)); // 1500 g: 3000 g of 4500 g
        assertCredited(deposit(bin, 2000, 2600)); // 900 g: 3900 g
        // deciding it again changes nothing: the signal stays until an operator approves
        HeldEvents review = new HeldEvents(core);
        assertThat(store.inTransaction(tx -> review.reviewed(tx, held.eventId(), HeldEvents.Review.DECIDE_AGAIN, NOW))
                .orElseThrow().reason()).contains(Reason.WEIGHT_CHAIN);
        StoredEvent approved = store.inTransaction(tx -> review.reviewed(tx, held.eventId(),
                HeldEvents.Review.APPROVE, NOW)).orElseThrow();
        assertThat(approved.status()).isEqualTo(DecisionStatus.CREDITED);
        assertThat(approved.creditedGrams()).isEqualTo(600);
        assertThat(store.month("acct-1", "2026-11").creditedGrams()).isEqualTo(4500);
    }

    @Test
    void cardUnboundAndWeightChain_bindingTheCard_keepsItHeldForTheWeightChain() {
        String newCard = SigningDevice.card("resident-2");
        assertCredited(deposit(bin, 0, 1000));
        Receipt r = deposit(bin, newCard, Material.MIXED, 0, 500, AT);
        assertHeld(r, Reason.CARD_UNBOUND);
        store.bind(newCard, "acct-2");
        var released = store.inTransaction(tx -> new HeldEvents(core).cardBound(tx, newCard, NOW));
        assertThat(released.get(0).reason()).contains(Reason.WEIGHT_CHAIN);
    }

    @Test
    void massBalance_emptyingThatRemovesWhatTheDepositsAdded_withinTolerance() {
        deposit(bin, 100, 2100);
        deposit(bin, 2100, 5100);
        emptied(bin, 5000, 100);
        assertThat(store.balance(bin.deviceId)).contains(true);
        assertThat(store.kiosk(bin.deviceId).flag()).isEmpty();
    }

    @Test
    void massBalance_kioskInventingDeposits_outOfTolerance_flagsTheKioskWhenConfigured_nextDepositHeld() {
        IntegrityLimits limits = IntegrityLimits.defaults();
        core = core(new IntegrityLimits(limits.cloneWindow(), limits.weightChainToleranceGrams(),
                limits.maxNetGramsByMaterial(), BalanceTolerance.defaults(), true));
        deposit(bin, 100, 2100);
        deposit(bin, 2100, 5100);
        deposit(bin, 5100, 9100); // 9 kg reported; the bin held 2 kg
        emptied(bin, 2000, 100);
        assertThat(store.balance(bin.deviceId)).contains(false);
        assertThat(store.kiosk(bin.deviceId).flag()).hasValueSatisfying(f ->
                assertThat(f.by()).isEqualTo(KioskFlag.BY_MASS_BALANCE));
        assertHeld(deposit(bin, 100, 900), Reason.KIOSK_FLAGGED);
    }
}
