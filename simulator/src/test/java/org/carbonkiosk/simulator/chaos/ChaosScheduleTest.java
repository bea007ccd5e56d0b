package org.carbonkiosk.simulator.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.carbonkiosk.simulator.residents.Step;
import org.carbonkiosk.simulator.truth.CreditArithmetic;
import org.junit.jupiter.api.Test;

class ChaosScheduleTest {

    @Test
    void theSameSeed_drawsTheSameSchedule_anotherSeedAnother() {
        assertThat(ChaosSchedule.draw(7).describe()).isEqualTo(ChaosSchedule.draw(7).describe());
        assertThat(ChaosSchedule.draw(7).plan().slots()).isEqualTo(ChaosSchedule.draw(7).plan().slots());
        assertThat(ChaosSchedule.draw(8).describe()).isNotEqualTo(ChaosSchedule.draw(7).describe());
    }

    @Test
    void everyRun_crossesAMonthEnd() {
        LongStream.rangeClosed(1, 50).mapToObj(ChaosSchedule::draw).forEach(s -> assertThat(
                CreditArithmetic.monthOf(s.plan().start())).isNotEqualTo(CreditArithmetic.monthOf(s.plan().end())));
    }

    @Test
    void aMultiDayLinkCut_spansTheMonthEnd_andLastsAtMostSevenDays() {
        List<Fault> cuts = LongStream.rangeClosed(1, 100).mapToObj(ChaosSchedule::draw)
                .flatMap(s -> s.faults().stream()).filter(f -> f.kind() == Fault.Kind.LINK_CUT_DAYS_ACROSS_MONTH_END)
                .toList();
        assertThat(cuts).isNotEmpty().allSatisfy(f -> {
            assertThat(CreditArithmetic.monthOf(f.at())).isNotEqualTo(CreditArithmetic.monthOf(f.at().plus(f.lasting())));
            assertThat(f.lasting()).isLessThanOrEqualTo(Duration.ofDays(7));
        });
    }

    @Test
    void aFault_isInThePlanAsItsSteps() {
        ChaosSchedule s = LongStream.rangeClosed(1, 100).mapToObj(ChaosSchedule::draw)
                .filter(x -> x.faults().stream().anyMatch(f -> f.kind() == Fault.Kind.KEY_ROTATED_WITH_EVENTS_QUEUED))
                .findFirst().orElseThrow();
        Fault rotation = s.faults().stream().filter(f -> f.kind() == Fault.Kind.KEY_ROTATED_WITH_EVENTS_QUEUED)
                .findFirst().orElseThrow();
        List<Step> atStart = s.plan().slots().get(rotation.at());
        assertThat(atStart).contains(new Step.Link(rotation.at(), rotation.kiosk(), false));
        assertThat(atStart).anySatisfy(st -> assertThat(st).isInstanceOf(Step.Deposit.class));
        assertThat(s.plan().slots().get(rotation.at().plus(rotation.lasting()))).containsExactly(
                new Step.KeyRotation(rotation.at().plus(rotation.lasting()), rotation.kiosk()),
                new Step.Link(rotation.at().plus(rotation.lasting()), rotation.kiosk(), true));
    }

    @Test
    void budgets_readAsMinutesSecondsHours() {
        assertThat(ChaosCommand.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(ChaosCommand.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ChaosCommand.parseDuration("8h")).isEqualTo(Duration.ofHours(8));
    }
}
