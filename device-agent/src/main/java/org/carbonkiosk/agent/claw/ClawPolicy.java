package org.carbonkiosk.agent.claw;

import org.carbonkiosk.agent.AgentConfig;

/** The local play policy: one play per {@code gramsPerPlay} net grams, at most {@code maxPlaysPerDeposit}. */
public record ClawPolicy(int gramsPerPlay, int maxPlaysPerDeposit, int offlineMinGrams) {

    public static ClawPolicy of(AgentConfig.Claw c) {
        return new ClawPolicy(c.gramsPerPlay(), c.maxPlaysPerDeposit(), c.offlineMinGrams());
    }

    /** Plays for a credited deposit. */
    public int playsFor(int netGrams) {
        if (netGrams <= 0) {
            return 0;
        }
        return Math.min(maxPlaysPerDeposit, netGrams / gramsPerPlay);
    }

    /** Plays for a deposit recorded with no receipt in time: only at or above the offline threshold. */
    public int offlinePlaysFor(int netGrams) {
        return netGrams >= offlineMinGrams ? playsFor(netGrams) : 0;
    }
}
