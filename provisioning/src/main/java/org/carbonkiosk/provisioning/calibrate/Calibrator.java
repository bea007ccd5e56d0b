package org.carbonkiosk.provisioning.calibrate;

import java.time.OffsetDateTime;
import java.util.Locale;
import org.carbonkiosk.agent.hardware.Calibration;
import org.carbonkiosk.provisioning.ProvisionException;

/**
 * Guided two-point calibration on raw counts: the empty scale gives the offset (tare), a reference
 * mass gives countsPerGram, and a second, independent reading of the mass must come out within
 * the tolerance. Unstable windows, a scale that does not move and a failed verification are
 * refused with a plain message; nothing is returned (so nothing is saved) unless all pass.
 */
public final class Calibrator {
    /** An HX711 or NAU7802 stuck at the end of its 24-bit range is not reading a load cell. */
    private static final long ADC_MAX = 8_388_607L;
    private static final long ADC_MIN = -8_388_608L;
    private final LoadCellSampler sampler;
    private final Steps steps;

    /** The physical steps, each returning when the technician (or the simulation) has done it. */
    public interface Steps {
        void emptyScale();

        void placeMass(int grams);

        void progress(String line);
    }

    public Calibrator(LoadCellSampler sampler, Steps steps) {
        this.sampler = sampler;
        this.steps = steps;
    }

    /**
     * @param minSpanCounts the reference mass must move the reading by at least this many counts
     */
    public Calibration run(int referenceGrams, double toleranceGrams, long minSpanCounts, OffsetDateTime now) {
        steps.emptyScale();
        Window empty = stableOrRefuse(sampler.settle(w -> true), "the empty scale");
        requireInRange(empty);
        long offset = Math.round(empty.mean());
        steps.progress("Empty scale: " + offset + " counts (spread " + empty.spread() + " over " + empty.samples()
                + " readings).");

        steps.placeMass(referenceGrams);
        LoadCellSampler.Outcome withMass = sampler.settle(w -> Math.abs(w.mean() - offset) >= minSpanCounts);
        if (withMass instanceof LoadCellSampler.Outcome.NotAccepted n) {
            throw ProvisionException.hardware("the reading did not change when the " + referenceGrams
                    + " g reference mass was placed (moved " + Math.round(Math.abs(n.last().mean() - offset))
                    + " counts, at least " + minSpanCounts + " expected). Is the mass on the platform, and is the"
                    + " load cell connected? Nothing was saved.");
        }
        Window loaded = stableOrRefuse(withMass, "the reference mass");
        requireInRange(loaded);
        double countsPerGram = (loaded.mean() - offset) / referenceGrams;
        Calibration calibration = new Calibration(offset, countsPerGram, now);
        steps.progress(String.format(Locale.ROOT, "Reference mass: %.1f counts -> %.4f counts per gram.",
                loaded.mean(), countsPerGram));

        Window check = stableOrRefuse(sampler.settle(w -> true), "the verification reading");
        double grams = (check.mean() - offset) / countsPerGram;
        if (Math.abs(grams - referenceGrams) > toleranceGrams) {
            throw ProvisionException.hardware(String.format(Locale.ROOT, "verification failed: the second reading"
                    + " of the %d g reference mass gave %.1f g, more than %.1f g off. The scale is drifting or"
                    + " something touches the platform. Nothing was saved; run calibrate again.",
                    referenceGrams, grams, toleranceGrams));
        }
        steps.progress(String.format(Locale.ROOT, "Verification: %.1f g read for %d g (tolerance %.1f g).",
                grams, referenceGrams, toleranceGrams));
        return calibration;
    }

    private Window stableOrRefuse(LoadCellSampler.Outcome outcome, String what) {
        if (outcome instanceof LoadCellSampler.Outcome.Settled s) {
            return s.window();
        }
        if (outcome instanceof LoadCellSampler.Outcome.Unstable u) {
            throw unstable(what, u.last());
        }
        return ((LoadCellSampler.Outcome.NotAccepted) outcome).last();
    }

    private ProvisionException unstable(String what, Window last) {
        return ProvisionException.hardware("unstable reading of " + what + ": the last " + last.samples()
                + " readings spread over " + last.spread() + " counts, at most " + sampler.settings().bandCounts()
                + " allowed. Make sure nothing leans on or shakes the kiosk (wind, traffic, a hand on the door),"
                + " that the mass sits still in the middle of the platform, and run calibrate again."
                + " Nothing was saved.");
    }

    private static void requireInRange(Window w) {
        if (w.max() >= ADC_MAX || w.min() <= ADC_MIN) {
            throw ProvisionException.hardware("the scale is not responding: its converter reads at the end of its"
                    + " range (" + (w.max() >= ADC_MAX ? w.max() : w.min()) + " counts), as it does when the load"
                    + " cell is disconnected or a wire is broken. Check the load-cell cable. Nothing was saved.");
        }
    }
}
