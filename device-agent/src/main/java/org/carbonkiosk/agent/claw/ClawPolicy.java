package org.carbonkiosk.agent.claw;

/**
 * The local play policy of claw kiosks ({@code claw.*}): one play per {@code gramsPerPlay} net grams,
 * at most {@code maxPlaysPerDeposit}; with no receipt in time, plays only for a net of at least
 * {@code offlineMinGrams}.
 */
public record ClawPolicy(int gramsPerPlay, int maxPlaysPerDeposit, int offlineMinGrams) {

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
