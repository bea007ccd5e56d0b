package org.carbonkiosk.collector.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.collector.credit.CreditRule;
import org.carbonkiosk.collector.credit.RuleVersions;
import org.carbonkiosk.collector.integrity.IntegrityLimits;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;
import org.carbonkiosk.protocol.message.Receipt;
import org.junit.jupiter.api.Test;

/** The decision core on the in-memory store: no database, no broker. */
class DecisionCoreTest {
    private static final Instant NOW = SigningDevice.RECEIVED.plusSeconds(1);
    private final SigningDevice.Registry registry = new SigningDevice.Registry();
    private final Screener screener = registry.screener();
    private final InMemoryDecisionStore store = new InMemoryDecisionStore();
    private final DecisionCore core = new DecisionCore(RuleVersions.of(CreditRule.defaults()),
            new Checks(Duration.ofDays(7), Duration.ofMinutes(5), Duration.ofDays(365), false,
            Duration.ofDays(7)), IntegrityLimits.defaults());
    private final HeldEvents held = new HeldEvents(core);
    private final SigningDevice kiosk = new SigningDevice("WH-HS-0001", registry);
    private final String card = SigningDevice.card("resident-1");

    DecisionCoreTest() {
        store.device(kiosk.deviceId);
        store.bind(card, "acct-1");
    }

    private Receipt decide(byte[] raw) {
        Screened s = screener.screen(kiosk.topic(), raw, SigningDevice.RECEIVED);
        return store.inTransaction(tx -> core.decide(tx, s, NOW)).receipt();
    }

    private Receipt deposit(int net) {
        return decide(kiosk.sign(kiosk.deposit(card, net)));
    }

    @Test
    void decide_fiveDepositsOfOneResident_creditedInSeqOrderUpToTheMonthlyCap() {
        List<Integer> credited = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int net : new int[] {820, 1500, 1200, 1000, 500}) {
            Receipt r = deposit(net);
            credited.add(r.creditedGrams());
            reasons.add(r.reason().map(Reason::wire).orElse("-"));
        }
        assertThat(credited).containsExactly(1230, 1500, 1500, 270, 0);
        assertThat(reasons).containsExactly("-", "-", "-", "-", "cap-reached");
        assertThat(store.month("acct-1", "2026-11").creditedGrams()).isEqualTo(4500);
        assertThat(store.outbox()).extracting(c -> c.grams()).containsExactly(1230, 1500, 1500, 270);
    }

    @Test
    void decide_sameBytesAgain_answeredAsRepeat_creditedOnce() {
        byte[] raw = kiosk.sign(kiosk.deposit(card, 820));
        Receipt first = decide(raw);
        Receipt again = decide(raw);
        assertThat(first.repeat()).isFalse();
        assertThat(again.repeat()).isTrue();
        assertThat(again.creditedGrams()).isEqualTo(1230);
        assertThat(store.month("acct-1", "2026-11").creditedGrams()).isEqualTo(1230);
        assertThat(store.outbox()).hasSize(1);
    }

    @Test
    void decide_sameEventIdOtherContent_seqConflict_originalStays() {
        DepositEvent original = kiosk.deposit(card, 820);
        decide(kiosk.sign(original));
        Receipt conflict = decide(kiosk.sign(kiosk.deposit(card, 1000, original.seq())));
        assertThat(conflict.status()).isEqualTo(DecisionStatus.REJECTED);
        assertThat(conflict.reason()).contains(Reason.SEQ_CONFLICT);
        assertThat(store.event(original.eventId()).orElseThrow().creditedGrams()).isEqualTo(1230);
        assertThat(store.rejections()).extracting(DecisionStore.Rejection::reason).containsExactly(Reason.SEQ_CONFLICT);
    }

    @Test
    void decide_forgeryFirst_isBadSignatureAndDoesNotShadowTheGenuineEvent() {
        SigningDevice impostor = new SigningDevice(kiosk.deviceId, null); // same id, key not registered
        DepositEvent genuine = kiosk.deposit(card, 820);
        byte[] forged = impostor.sign(impostor.deposit(card, 29_000, genuine.seq()));
        Screened s = screener.screen(kiosk.topic(), forged, SigningDevice.RECEIVED);
        Decided d = store.inTransaction(tx -> core.decide(tx, s, NOW));
        assertThat(d.receipt().reason()).contains(Reason.BAD_SIGNATURE);
        assertThat(d.receiptDevice()).isEmpty();
        assertThat(store.rejections().get(0).eventId()).contains(genuine.eventId());

        Receipt real = decide(kiosk.sign(genuine));
        assertThat(real.status()).isEqualTo(DecisionStatus.CREDITED);
        assertThat(real.creditedGrams()).isEqualTo(1230);
    }

    @Test
    void decide_tamperedPayload_isBadSignatureNotMalformed() {
        String jws = new String(kiosk.sign(kiosk.deposit(card, 820)), StandardCharsets.US_ASCII);
        String[] parts = jws.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String edited = payload.replace("\"netGrams\":820", "\"netGrams\":1820");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(edited.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        Receipt r = decide(tampered.getBytes(StandardCharsets.US_ASCII));
        assertThat(r.reason()).contains(Reason.BAD_SIGNATURE);
        assertThat(store.events()).isEmpty();
    }

    @Test
    void decide_revokedDevice_rejected() {
        store.revoke(kiosk.deviceId);
        Receipt r = deposit(820);
        assertThat(r.status()).isEqualTo(DecisionStatus.REJECTED);
        assertThat(r.reason()).contains(Reason.REVOKED_DEVICE);
        assertThat(store.outbox()).isEmpty();
    }

    @Test
    void decide_seqJumpOpensAGap_theLateEventClosesIt() {
        DepositEvent first = kiosk.deposit(card, 100);
        DepositEvent second = kiosk.deposit(card, 100);
        DepositEvent third = kiosk.deposit(card, 100);
        decide(kiosk.sign(first));
        decide(kiosk.sign(third));
        assertThat(store.gaps(kiosk.deviceId)).containsExactly(second.seq());
        decide(kiosk.sign(second));
        assertThat(store.gaps(kiosk.deviceId)).isEmpty();
    }

    @Test
    void cardBound_releasesHeldDeposits_underTheCapAsItStandsThen() {
        String unbound = SigningDevice.card("resident-2");
        Receipt heldReceipt = decide(kiosk.sign(kiosk.deposit(unbound, 1000)));
        assertThat(heldReceipt.reason()).contains(Reason.CARD_UNBOUND);
        store.bind(unbound, "acct-1");
        deposit(1500);
        deposit(1500);
        List<StoredEvent> released = store.inTransaction(tx -> held.cardBound(tx, unbound, NOW));
        assertThat(released).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(DecisionStatus.CREDITED);
            assertThat(e.creditedGrams()).isEqualTo(1500);
            assertThat(e.monthCreditedGrams()).contains(4500);
        });
        assertThat(store.outbox()).hasSize(3);
    }

    @Test
    void reviewed_approveImplausibleWeight_creditedWithinCaps_rejectedCardStaysRejected() {
        Receipt heavy = deposit(31_000);
        assertThat(heavy.reason()).contains(Reason.IMPLAUSIBLE_WEIGHT);
        String eventId = store.events().get(0).eventId();
        StoredEvent notApproved = store.inTransaction(tx -> held.reviewed(tx, eventId, false, NOW)).orElseThrow();
        assertThat(notApproved.reason()).contains(Reason.IMPLAUSIBLE_WEIGHT);
        StoredEvent approved = store.inTransaction(tx -> held.reviewed(tx, eventId, true, NOW)).orElseThrow();
        assertThat(approved.status()).isEqualTo(DecisionStatus.CREDITED);
        assertThat(approved.creditedGrams()).isEqualTo(1500);
        StoredEvent again = store.inTransaction(tx -> held.reviewed(tx, eventId, true, NOW)).orElseThrow();
        assertThat(again).isEqualTo(approved);
        assertThat(store.outbox()).hasSize(1);
        Optional<StoredEvent> none = store.inTransaction(tx -> held.reviewed(tx, "WH-HS-0001:999", true, NOW));
        assertThat(none).isEmpty();
    }
}
