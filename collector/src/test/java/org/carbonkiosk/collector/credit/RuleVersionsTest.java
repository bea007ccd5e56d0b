package org.carbonkiosk.collector.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RuleVersionsTest {
    private final CreditRule v1 = CreditRule.defaults();
    private final CreditRule v2 = new CreditRule("wuhan-recycling-2027", Instant.parse("2027-01-01T00:00:00Z"),
            1500, 1500, 6000, 0, 50, 30_000);

    @Test
    void at_beforeAndAfterEffectiveInstant_choosesTheVersionInForce() {
        RuleVersions versions = RuleVersions.of(v2, v1);
        assertThat(versions.at(Instant.parse("2026-12-31T23:59:59Z"))).isEqualTo(v1);
        assertThat(versions.at(Instant.parse("2027-01-01T00:00:00Z"))).isEqualTo(v2);
    }

    @Test
    void at_beforeFirstVersion_usesFirst() {
        RuleVersions versions = RuleVersions.of(v2);
        assertThat(versions.at(Instant.EPOCH)).isEqualTo(v2);
    }

    @Test
    void new_duplicateNames_refused() {
        assertThatThrownBy(() -> RuleVersions.of(v1, v1)).isInstanceOf(IllegalArgumentException.class);
    }
}
