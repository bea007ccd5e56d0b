package org.carbonkiosk.collector.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.carbonkiosk.protocol.message.Decision;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreditRuleTest {
    private final CreditRule rule = CreditRule.defaults();

    @ParameterizedTest
    @CsvSource({"820,1230", "1000,1500", "1200,1500", "50,75", "667,1000"})
    void decide_singleDeposit_earnsFloorOfFactorCappedPerDeposit(int net, int credit) {
        assertThat(rule.decide(net, MonthTotals.EMPTY)).isEqualTo(Decision.credited(credit));
    }

    @Test
    void decide_belowMinimum_creditsNothing() {
        assertThat(rule.decide(49, MonthTotals.EMPTY)).isEqualTo(Decision.creditedNothing(Reason.BELOW_MINIMUM));
        assertThat(rule.decide(-20, MonthTotals.EMPTY)).isEqualTo(Decision.creditedNothing(Reason.BELOW_MINIMUM));
    }

    @Test
    void decide_overPlausibleMaximum_isHeld() {
        assertThat(rule.decide(31_000, MonthTotals.EMPTY)).isEqualTo(Decision.held(Reason.IMPLAUSIBLE_WEIGHT));
        assertThat(rule.decide(30_000, MonthTotals.EMPTY)).isEqualTo(Decision.credited(1500));
    }

    @Test
    void decide_monthlyCap_givesRemainderThenCapReached() {
        assertThat(credits(rule, 1500, 1500, 1000, 1000)).containsExactly("1500", "1500", "1500", "0 cap-reached");
        assertThat(credits(rule, 1500, 1500, 600, 1000)).containsExactly("1500", "1500", "900", "600");
    }

    @Test
    void decide_countLimitOfThree_fourthIsCapReached() {
        CreditRule limited = new CreditRule("limited", Instant.EPOCH, 1500, 1500, 4500, 3, 50, 30_000);
        assertThat(credits(limited, 100, 100, 100, 100)).containsExactly("150", "150", "150", "0 cap-reached");
        assertThat(credits(rule, 100, 100, 100, 100)).containsExactly("150", "150", "150", "150");
    }

    @Test
    void decide_belowMinimumDeposit_doesNotUseTheCount() {
        CreditRule limited = new CreditRule("limited", Instant.EPOCH, 1500, 1500, 4500, 3, 50, 30_000);
        assertThat(credits(limited, 10, 100, 100, 100)).containsExactly("0 below-minimum", "150", "150", "150");
    }

    @Test
    void decide_reviewedWeightOverMaximum_creditedWithinCaps() {
        assertThat(rule.decide(31_000, MonthTotals.EMPTY, true)).isEqualTo(Decision.credited(1500));
        assertThat(rule.decide(31_000, new MonthTotals(4000, 3, 3), true)).isEqualTo(Decision.credited(500));
        assertThat(rule.decide(49, MonthTotals.EMPTY, true)).isEqualTo(Decision.creditedNothing(Reason.BELOW_MINIMUM));
    }

    private static List<String> credits(CreditRule rule, int... nets) {
        MonthTotals totals = MonthTotals.EMPTY;
        List<String> out = new ArrayList<>();
        for (int net : nets) {
            Decision d = rule.decide(net, totals);
            assertThat(d.status()).isEqualTo(DecisionStatus.CREDITED);
            totals = totals.plus(d.creditedGrams());
            out.add(d.creditedGrams() + d.reason().map(r -> " " + r.wire()).orElse(""));
        }
        return out;
    }
}
