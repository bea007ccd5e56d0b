package org.carbonkiosk.collector.credit;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The configured versions of the credit rule; the one effective at an instant decides. Pure. */
public final class RuleVersions {
    private final List<CreditRule> byEffectiveFrom;

    public RuleVersions(List<CreditRule> versions) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("at least one rule version is needed");
        }
        this.byEffectiveFrom = versions.stream().sorted(Comparator.comparing(CreditRule::effectiveFrom)).toList();
        if (byEffectiveFrom.stream().map(CreditRule::version).distinct().count() != versions.size()) {
            throw new IllegalArgumentException("rule versions must have distinct names");
        }
    }

    public static RuleVersions of(CreditRule... versions) {
        return new RuleVersions(List.of(versions));
    }

    /** The version effective at {@code instant}; before the first version, the first one. */
    public CreditRule at(Instant instant) {
        CreditRule chosen = byEffectiveFrom.get(0);
        for (CreditRule rule : byEffectiveFrom) {
            if (!rule.effectiveFrom().isAfter(instant)) {
                chosen = rule;
            }
        }
        return chosen;
    }

    public List<CreditRule> all() {
        return byEffectiveFrom;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleVersions other && other.byEffectiveFrom.equals(byEffectiveFrom);
    }

    @Override
    public int hashCode() {
        return byEffectiveFrom.hashCode();
    }

    @Override
    public String toString() {
        return byEffectiveFrom.toString();
    }
}
