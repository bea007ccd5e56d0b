package org.carbonkiosk.simulator.residents;

/**
 * How often a resident recycles and how much at a time.
 *
 * @param depositsPerWeek mean deposits per week (Poisson)
 * @param medianGrams     median net weight of a deposit (log-normal)
 */
public enum Profile {
    LIGHT(0.7, 700),
    REGULAR(2.0, 1000),
    HEAVY(6.0, 1800);

    private final double depositsPerWeek;
    private final int medianGrams;

    Profile(double depositsPerWeek, int medianGrams) {
        this.depositsPerWeek = depositsPerWeek;
        this.medianGrams = medianGrams;
    }

    public double depositsPerWeek() {
        return depositsPerWeek;
    }

    public int medianGrams() {
        return medianGrams;
    }
}
