package org.carbonkiosk.collector.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.carbonkiosk.collector.credit.CreditRule;
import org.carbonkiosk.collector.credit.RuleVersions;
import org.carbonkiosk.collector.integrity.IntegrityLimits;
import org.carbonkiosk.collector.metrics.Metrics;
import org.carbonkiosk.collector.store.RejectionStore;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.jdbc.JdbcDecisionStore;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.Envelope;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.jws.Base64Url;
import org.carbonkiosk.protocol.jws.Ed25519KeyPair;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;
import org.carbonkiosk.protocol.message.Receipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key rotation on the real store (SQLite): the key lookup, the retirement instant recorded by the
 * rotation, the grace period and revocation, decided by the decision core.
 */
class KeyRotationGraceTest {
    private static final String DEVICE = "WH-HS-0001";
    private static final Instant ENROLLED = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant ROTATED = Instant.parse("2026-11-05T00:00:00Z");
    private static final Duration GRACE = Duration.ofDays(7);
    private static final Instant GRACE_ENDS = ROTATED.plus(GRACE);

    @TempDir
    Path dir;
    private Store store;
    private DecisionStore.Transactions transactions;
    private Screener screener;
    private final DecisionCore core = new DecisionCore(RuleVersions.of(CreditRule.defaults()),
            new Checks(Duration.ofDays(7), Duration.ofMinutes(5), Duration.ofDays(365), false, GRACE),
            IntegrityLimits.defaults());
    private final Ed25519KeyPair v1 = Ed25519KeyPair.generate();
    private final Ed25519KeyPair v2 = Ed25519KeyPair.generate();
    private final String card = SigningDevice.card("resident-1");
    private long seq;

    @BeforeEach
    void open() {
        store = Store.open("jdbc:sqlite:" + dir.resolve("c.db"), 2);
        transactions = JdbcDecisionStore.transactions(store);
        screener = new Screener(SigningDevice.CODEC, new KeyDirectory(store, SigningDevice.CODEC::verifier),
                new Metrics());
        store.db().write(c -> {
            store.devices().insert(c, DEVICE, "hopper-scale", "test", ENROLLED.toString(), 1, x(v1));
            store.cards().bind(c, card, "acct-1", ENROLLED.toString());
            return null;
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void rotate() {
        store.db().write(c -> {
            store.devices().addKey(c, DEVICE, 2, x(v2), ROTATED.toString());
            return null;
        });
    }

    @Test
    void oldKey_eventBeforeRotationPlusGrace_credited_afterIt_rejectedAsRetired() {
        rotate();
        Receipt inGrace = decide(v1, 1, GRACE_ENDS.minusSeconds(60), true, GRACE_ENDS.minusSeconds(59));
        Receipt late = decide(v1, 1, GRACE_ENDS.plusSeconds(60), true, GRACE_ENDS.plusSeconds(61));
        Receipt newKey = decide(v2, 2, GRACE_ENDS.plusSeconds(120), true, GRACE_ENDS.plusSeconds(121));

        assertThat(inGrace.status()).isEqualTo(DecisionStatus.CREDITED);
        assertThat(late.status()).isEqualTo(DecisionStatus.REJECTED);
        assertThat(late.reason()).contains(Reason.REVOKED_DEVICE);
        assertThat(newKey.status()).isEqualTo(DecisionStatus.CREDITED);
        RejectionStore.Rejection recorded = store.db().read(c -> store.rejections().latestFor(c, late.eventId()))
                .orElseThrow();
        assertThat(recorded.reason()).isEqualTo(Reason.REVOKED_DEVICE);
        assertThat(recorded.detail()).contains("key version 1 retired", "rotated at " + ROTATED,
                "ended " + GRACE_ENDS);
    }

    @Test
    void outboxSignedWithTheOldKey_drainedAfterTheGrace_creditedByOccurredAt() {
        Instant queuedAt = ROTATED.minus(Duration.ofDays(1));
        rotate();
        Instant drained = GRACE_ENDS.plus(Duration.ofDays(5)); // still November: the month is open
        for (int i = 0; i < 3; i++) {
            Receipt r = decide(v1, 1, queuedAt.plusSeconds(i), true, drained.plusSeconds(i));
            assertThat(r.status()).as("queued event %d", i).isEqualTo(DecisionStatus.CREDITED);
        }
    }

    @Test
    void clockNotSynced_judgedByTheReceiveTime() {
        rotate();
        Instant claimed = ROTATED.minus(Duration.ofDays(3)); // not trusted: the clock was not synced
        Receipt received = decide(v1, 1, claimed, false, GRACE_ENDS.minusSeconds(10));
        Receipt tooLate = decide(v1, 1, claimed, false, GRACE_ENDS.plusSeconds(10));

        assertThat(received.status()).isEqualTo(DecisionStatus.CREDITED);
        assertThat(tooLate.status()).isEqualTo(DecisionStatus.REJECTED);
        assertThat(tooLate.reason()).contains(Reason.REVOKED_DEVICE);
    }

    @Test
    void revoked_rejectsEveryKeyVersion_evenWithinTheGrace() {
        rotate();
        store.db().write(c -> store.devices().revoke(c, DEVICE, ROTATED.plusSeconds(3600).toString()));
        Receipt old = decide(v1, 1, ROTATED.minus(Duration.ofDays(1)), true, ROTATED.plusSeconds(7200));
        Receipt current = decide(v2, 2, ROTATED.plusSeconds(7000), true, ROTATED.plusSeconds(7200));

        assertThat(old.reason()).contains(Reason.REVOKED_DEVICE);
        assertThat(current.reason()).contains(Reason.REVOKED_DEVICE);
        assertThat(old.creditedGrams() + current.creditedGrams()).isZero();
    }

    @Test
    void keyRetiredAt_isTheNextVersionsAddedAt_emptyForTheLatest() {
        rotate();
        Optional<Instant> first = store.db().read(c -> store.devices().keyRetiredAt(c, DEVICE, 1));
        Optional<Instant> latest = store.db().read(c -> store.devices().keyRetiredAt(c, DEVICE, 2));
        assertThat(first).contains(ROTATED);
        assertThat(latest).isEmpty();
    }

    private Receipt decide(Ed25519KeyPair key, int version, Instant occurredAt, boolean clockSynced,
                           Instant receivedAt) {
        Envelope envelope = new Envelope(DEVICE, ++seq, OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC),
                clockSynced, "1.0.0");
        DepositEvent event = DepositEvent.of(envelope, card, Material.MIXED, 1000, 1100,
                Optional.of(OffsetDateTime.ofInstant(ENROLLED, ZoneOffset.UTC)));
        byte[] raw = SigningDevice.CODEC.sign(event, version, key.privateKey()).getBytes(StandardCharsets.US_ASCII);
        Screened s = screener.screen(Topics.event(DEVICE), raw, receivedAt);
        return transactions.inTransaction(tx -> core.decide(tx, s, receivedAt.plusSeconds(1))).receipt();
    }

    private static String x(Ed25519KeyPair key) {
        return Base64Url.encode(key.publicKey());
    }
}
