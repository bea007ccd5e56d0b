package org.carbonkiosk.simulator.residents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.carbonkiosk.protocol.event.Timestamps;

class PlanTest {

    @Test
    void of_sameSeed_givesTheSamePlan() {
        Plan a = Plan.of(ScenarioSettings.demo(7));
        Plan b = Plan.of(ScenarioSettings.demo(7));

        assertThat(a.slots()).isEqualTo(b.slots());
        assertThat(a.depositCount()).isEqualTo(b.depositCount()).isGreaterThan(500);
    }

    @Test
    void of_otherSeed_givesAnotherPlan() {
        assertThat(Plan.of(ScenarioSettings.demo(7)).slots()).isNotEqualTo(Plan.of(ScenarioSettings.demo(8)).slots());
    }

    @Test
    void of_demo_hasEveryKindOfStepAndCrossesAMonthBoundary() {
        Plan plan = Plan.of(ScenarioSettings.demo(1));
        List<Step> steps = plan.slots().values().stream().flatMap(List::stream).toList();

        assertThat(steps).hasAtLeastOneElementOfType(Step.Bind.class).hasAtLeastOneElementOfType(Step.Link.class)
                .hasAtLeastOneElementOfType(Step.Broker.class).hasAtLeastOneElementOfType(Step.Ledger.class);
        assertThat(steps.stream().filter(s -> s instanceof Step.Fraud).map(s -> ((Step.Fraud) s).kind()))
                .containsExactlyInAnyOrder(Step.FraudKind.values());
        assertThat(steps.stream().map(s -> s.at().atZone(Timestamps.SHANGHAI).getMonthValue()).distinct()).contains(11, 12);
        assertThat(plan.residents().stream().anyMatch(r -> r.cards().size() == 2)).isTrue();
        assertThat(plan.residents().stream().anyMatch(r -> r.profile() == Profile.HEAVY)).isTrue();
    }

    @Test
    void weight_isMostlyBetweenAFifthOfAKiloAndThreeKilos() {
        Random random = new Random(3);
        long inRange = IntStream.range(0, 10_000).map(i -> Plan.weight(Profile.REGULAR, random))
                .filter(g -> g >= 200 && g <= 3000).count();

        assertThat(inRange).isGreaterThan(8_500);
    }
}
