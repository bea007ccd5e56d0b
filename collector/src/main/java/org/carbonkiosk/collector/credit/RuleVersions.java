package org.carbonkiosk.collector.credit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;

/** The configured versions of the credit rule; the one effective at an instant decides. Pure once read. */
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

    /**
     * Reads {@code rule.versions} (comma-separated names, default the published rule's) and each
     * version's parameters: {@code rule.<name>.<param>}, else {@code rule.<param>}, else the published value.
     */
    public static RuleVersions from(ConfigSource s) {
        CreditRule base = CreditRule.defaults();
        List<CreditRule> versions = new ArrayList<>();
        for (String name : s.string("rule.versions", base.version()).split(",")) {
            String n = name.trim();
            if (n.isEmpty()) {
                throw new ConfigException("rule.versions", "empty version name");
            }
            try {
                versions.add(new CreditRule(n,
                        instant(s, "rule." + n + ".effectiveFrom", instant(s, "rule.effectiveFrom", Instant.EPOCH)),
                        parameter(s, n, "gramsPerKg", base.gramsPerKg()),
                        parameter(s, n, "perDepositCapGrams", base.perDepositCapGrams()),
                        parameter(s, n, "monthlyCapGrams", base.monthlyCapGrams()),
                        parameter(s, n, "monthlyCountLimit", base.monthlyCountLimit()),
                        parameter(s, n, "minNetGrams", base.minNetGrams()),
                        parameter(s, n, "maxNetGrams", base.maxNetGrams())));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("rule." + n + ".maxNetGrams", "must be >= minNetGrams: " + e.getMessage());
            }
        }
        try {
            return new RuleVersions(versions);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("rule.versions", e.getMessage());
        }
    }

    private static int parameter(ConfigSource s, String version, String param, int defaultValue) {
        String specific = "rule." + version + "." + param;
        if (s.optional(specific).isPresent()) {
            return s.integer(specific, defaultValue, 0, 100_000_000);
        }
        return s.integer("rule." + param, defaultValue, 0, 100_000_000);
    }

    private static Instant instant(ConfigSource s, String key, Instant defaultValue) {
        return s.instant(key).map(OffsetDateTime::toInstant).orElse(defaultValue);
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
