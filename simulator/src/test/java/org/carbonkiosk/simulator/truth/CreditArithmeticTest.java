package org.carbonkiosk.simulator.truth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.carbonkiosk.simulator.AccountMonth;
import org.carbonkiosk.simulator.truth.CreditArithmetic.Kind;
import org.carbonkiosk.simulator.truth.CreditArithmetic.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CreditArithmeticTest {
    private static final Instant NOV = Instant.parse("2026-11-21T01:12:33Z");

    @ParameterizedTest
    @CsvSource({"820,1230", "1000,1500", "1200,1500", "50,75", "51,76"})
    void deposit_firstOfTheMonth_earnsFloorOfOneAndAHalfTimesCappedAt1500(int net, int credit) {
        assertThat(CreditArithmetic.deposit(net, 0)).isEqualTo(new Outcome(Kind.CREDITED, credit));
    }

    @Test
    void deposit_underTheMinimum_earnsNothing() {
        assertThat(CreditArithmetic.deposit(49, 0)).isEqualTo(new Outcome(Kind.BELOW_MINIMUM, 0));
        assertThat(CreditArithmetic.deposit(0, 0)).isEqualTo(new Outcome(Kind.BELOW_MINIMUM, 0));
        assertThat(CreditArithmetic.deposit(-300, 0)).isEqualTo(new Outcome(Kind.BELOW_MINIMUM, 0));
    }

    @Test
    void deposit_overThePlausibleMaximum_isHeld() {
        assertThat(CreditArithmetic.deposit(31_000, 0)).isEqualTo(new Outcome(Kind.HELD, 0));
        assertThat(CreditArithmetic.deposit(30_000, 0)).isEqualTo(new Outcome(Kind.CREDITED, 1500));
    }

    @Test
    void record_1500_1500_1000_1000_reachesTheCapOnTheThird() {
        assertThat(creditsOf(1500, 1500, 1000, 1000)).containsExactly(1500, 1500, 1500, 0);
    }

    @Test
    void record_1500_1500_600_1000_cutsTheFourthToWhatIsLeft() {
        assertThat(creditsOf(1500, 1500, 600, 1000)).containsExactly(1500, 1500, 900, 600);
    }

    @Test
    void record_afterTheCap_isCapReached() {
        GroundTruth truth = new GroundTruth();
        IntStream.range(0, 3).forEach(i -> truth.record("acct", "K-1", NOV, 1000, true));

        assertThat(truth.record("acct", "K-1", NOV, 1000, true)).isEqualTo(new Outcome(Kind.CAP_REACHED, 0));
        assertThat(truth.expected()).containsEntry(new AccountMonth("acct", "2026-11"), 4500L);
    }

    @Test
    void monthOf_countsInShanghaiTime() {
        assertThat(CreditArithmetic.monthOf(OffsetDateTime.parse("2026-11-30T23:59:59+08:00").toInstant()))
                .isEqualTo("2026-11");
        assertThat(CreditArithmetic.monthOf(OffsetDateTime.parse("2026-12-01T00:00:00+08:00").toInstant()))
                .isEqualTo("2026-12");
        assertThat(CreditArithmetic.monthOf(Instant.parse("2026-11-30T16:00:00Z"))).isEqualTo("2026-12");
        assertThat(CreditArithmetic.monthOf(Instant.parse("2026-11-30T15:59:59Z"))).isEqualTo("2026-11");
    }

    @Test
    void record_acrossTheMonthBoundary_hasTwoCaps() {
        GroundTruth truth = new GroundTruth();
        IntStream.range(0, 4).forEach(i -> truth.record("acct", "K-1", Instant.parse("2026-11-30T15:00:00Z"), 1000, true));
        IntStream.range(0, 4).forEach(i -> truth.record("acct", "K-1", Instant.parse("2026-11-30T16:00:00Z"), 1000, true));

        assertThat(truth.expected()).containsEntry(new AccountMonth("acct", "2026-11"), 4500L)
                .containsEntry(new AccountMonth("acct", "2026-12"), 4500L);
    }

    @Test
    void record_aCardNeverBound_earnsNothingButIsCounted() {
        GroundTruth truth = new GroundTruth();

        truth.record("acct", "K-1", NOV, 1000, false);

        assertThat(truth.expected()).containsEntry(new AccountMonth("acct", "2026-11"), 0L);
        assertThat(truth.depositCounts()).containsEntry(new AccountMonth("acct", "2026-11"), 1);
    }

    private static List<Integer> creditsOf(int... nets) {
        GroundTruth truth = new GroundTruth();
        return IntStream.of(nets).mapToObj(n -> truth.record("acct", "K-1", NOV, n, true).grams()).toList();
    }
}
