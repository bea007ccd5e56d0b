package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Receipt;
import org.carbonkiosk.protocol.message.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The rule table of issue 3, through the real pipeline and broker. */
@Tag("machine-services")
class RuleTableIT {
    static Fixture f;
    static TestKiosk kiosk;
    static final OffsetDateTime NOW = Fixture.NOW;

    @BeforeAll
    static void start() {
        f = new Fixture();
        kiosk = f.kiosk("RT");
    }

    @AfterAll
    static void stop() {
        kiosk.close();
        f.close();
    }

    private static String account(String name) {
        return name + "-" + kiosk.deviceId;
    }

    private static String describe(Receipt r) {
        return r.status().wire() + " " + r.creditedGrams() + r.reason().map(x -> " " + x.wire()).orElse("");
    }

    @Test
    void singleDeposits_matchTheTable() {
        String card = f.boundCard("single-" + kiosk.deviceId, account("single"));
        List<String> got = new ArrayList<>();
        // Each on a fresh account-month? No: 820 + 1000 + 1200 = 1230 + 1500 + 1500 = 4230 <= 4500.
        for (int net : new int[] {820, 1000, 1200, 49, 31_000}) {
            got.add(describe(Fixture.deposit(kiosk, card, net, NOW)));
        }
        assertThat(got).containsExactly("credited 1230", "credited 1500", "credited 1500",
                "credited 0 below-minimum", "held 0 implausible-weight");
    }

    @Test
    void monthlyCap_1500_1500_1000_1000() {
        String card = f.boundCard("cap1-" + kiosk.deviceId, account("cap1"));
        List<String> got = new ArrayList<>();
        for (int net : new int[] {1500, 1500, 1000, 1000}) {
            got.add(describe(Fixture.deposit(kiosk, card, net, NOW)));
        }
        assertThat(got).containsExactly("credited 1500", "credited 1500", "credited 1500",
                "credited 0 cap-reached");
        var month = f.api.get("/api/accounts/" + account("cap1") + "/months/2026-11").json();
        assertThat(month.get("creditedGrams").asInt()).isEqualTo(4500);
        assertThat(month.get("capGrams").asInt()).isEqualTo(4500);
        assertThat(month.get("deposits").asInt()).isEqualTo(4);
    }

    @Test
    void monthlyCap_1500_1500_600_1000_givesRemainder() {
        String card = f.boundCard("cap2-" + kiosk.deviceId, account("cap2"));
        List<Integer> got = new ArrayList<>();
        for (int net : new int[] {1000, 1000, 600, 1000}) {
            got.add(Fixture.deposit(kiosk, card, net, NOW).creditedGrams());
        }
        // 1000 g earns 1500 g: the 1500, 1500 of the table are credits of 1000 g deposits.
        assertThat(got).containsExactly(1500, 1500, 900, 600);
    }

    @Test
    void monthBoundary_shanghaiMidnightSplitsMonths() {
        String acct = account("boundary");
        String card = f.boundCard("boundary-" + kiosk.deviceId, acct);
        f.clock.set(OffsetDateTime.parse("2026-12-01T10:00:00+08:00").toInstant());
        try {
            Fixture.deposit(kiosk, card, 1000, OffsetDateTime.parse("2026-11-30T23:59:59+08:00"));
            Fixture.deposit(kiosk, card, 1000, OffsetDateTime.parse("2026-12-01T00:00:00+08:00"));
            Fixture.deposit(kiosk, card, 1000, OffsetDateTime.parse("2026-11-30T16:00:00Z"));
        } finally {
            f.clock.set(NOW.toInstant());
        }
        assertThat(f.api.get("/api/accounts/" + acct + "/months/2026-11").json().get("creditedGrams").asInt())
                .isEqualTo(1500);
        assertThat(f.api.get("/api/accounts/" + acct + "/months/2026-12").json().get("creditedGrams").asInt())
                .isEqualTo(3000);
    }

    @Test
    void twoCardsOneAccount_shareTheCap() {
        String acct = account("shared");
        String card1 = f.boundCard("shared1-" + kiosk.deviceId, acct);
        String card2 = f.boundCard("shared2-" + kiosk.deviceId, acct);
        Fixture.deposit(kiosk, card1, 1000, NOW);
        Fixture.deposit(kiosk, card2, 1000, NOW);
        Fixture.deposit(kiosk, card1, 1000, NOW);
        Receipt fourth = Fixture.deposit(kiosk, card2, 1000, NOW);
        assertThat(fourth.status()).isEqualTo(DecisionStatus.CREDITED);
        assertThat(fourth.reason()).contains(Reason.CAP_REACHED);
        assertThat(fourth.monthCreditedGrams()).contains(4500);
    }
}
