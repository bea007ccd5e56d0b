package org.carbonkiosk.collector.integrity;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.protocol.event.Material;

/**
 * The configurable limits of the integrity signals (PROTOCOL.md v1.1, {@code integrity.*} keys).
 *
 * @param cloneWindow               the same card at another kiosk within this: {@code card-clone}
 * @param weightChainToleranceGrams a tare below the previous gross by more than this: {@code weight-chain}
 * @param maxNetGramsByMaterial     above this net weight for its material: {@code implausible-weight}
 * @param massBalanceTolerance      how far the readings of one emptying period may disagree
 * @param flagOnImbalance           a mass balance out of tolerance flags the kiosk ({@code kiosk-flagged})
 */
public record IntegrityLimits(Duration cloneWindow, int weightChainToleranceGrams,
                              Map<Material, Integer> maxNetGramsByMaterial,
                              BalanceTolerance massBalanceTolerance,
                              boolean flagOnImbalance) {

    public IntegrityLimits {
        if (cloneWindow.isNegative() || weightChainToleranceGrams < 0) {
            throw new IllegalArgumentException("clone window and weight-chain tolerance must not be negative");
        }
        EnumMap<Material, Integer> all = new EnumMap<>(Material.class);
        all.putAll(defaultMaterialLimits());
        all.putAll(maxNetGramsByMaterial);
        maxNetGramsByMaterial = Map.copyOf(all);
    }

    /** The contract's defaults: 3 minutes, 200 g, the material limits, 10 % (at least 500 g), no flagging. */
    public static IntegrityLimits defaults() {
        return new IntegrityLimits(Duration.ofMinutes(3), 200, defaultMaterialLimits(),
                BalanceTolerance.defaults(), false);
    }

    /** Reads {@code integrity.*}; absent keys keep {@link #defaults()}. */
    public static IntegrityLimits from(ConfigSource s) {
        IntegrityLimits d = defaults();
        Map<Material, Integer> limits = new EnumMap<>(Material.class);
        for (Material m : Material.values()) {
            limits.put(m, s.integer("integrity.maxNetGrams." + m.wire(), d.maxNetGrams(m), 0, 1_000_000));
        }
        BalanceTolerance t = new BalanceTolerance(
                s.integer("integrity.massBalanceTolerancePercent", d.massBalanceTolerance().percent(), 0, 100),
                s.integer("integrity.massBalanceFloorGrams", d.massBalanceTolerance().floorGrams(), 0, 1_000_000));
        return new IntegrityLimits(s.duration("integrity.cloneWindow", ChronoUnit.SECONDS, d.cloneWindow(),
                Duration.ZERO, Duration.ofDays(36_500)),
                s.integer("integrity.weightChainToleranceGrams", d.weightChainToleranceGrams(), 0, 1_000_000), limits,
                t, s.bool("integrity.flagOnImbalance", d.flagOnImbalance()));
    }

    public int maxNetGrams(Material m) {
        return maxNetGramsByMaterial.get(m);
    }

    /** Paper 8 kg, plastic 5 kg, metal 10 kg, glass 15 kg, textile 10 kg, mixed 30 kg. */
    public static Map<Material, Integer> defaultMaterialLimits() {
        return Map.of(Material.PAPER, 8_000, Material.PLASTIC, 5_000, Material.METAL, 10_000,
                Material.GLASS, 15_000, Material.TEXTILE, 10_000, Material.MIXED, 30_000);
    }
}
