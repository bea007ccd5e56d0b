package org.carbonkiosk.simulator.integrity;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.carbonkiosk.protocol.event.BinEmptiedEvent;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.Envelope;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.jws.Ed25519KeyPair;

/**
 * One bin-weighing kiosk of the fraud trial, at the level of what it signs: a bin whose true
 * content the trial knows, a scale that may read high, and (for the inventing kiosk) software
 * that adds grams nobody deposited to every reading from then on, consistently.
 */
final class TrialKiosk {
    /** What an emptying leaves in the bin: the liner. */
    static final int LINER_GRAMS = 150;
    final String deviceId;
    final Ed25519KeyPair key = Ed25519KeyPair.generate();
    private long seq;
    private long trueBinGrams = LINER_GRAMS;
    private double gain = 1.0;
    private long phantomGrams;

    TrialKiosk(String deviceId) {
        this.deviceId = deviceId;
    }

    void readHigh(double factor) {
        gain = factor;
    }

    long trueBinGrams() {
        return trueBinGrams;
    }

    /** The bin scale's reading: the true grams times the gain, plus whatever the software invented. */
    private int reading() {
        return (int) Math.round(trueBinGrams * gain) + (int) phantomGrams;
    }

    private Envelope next(OffsetDateTime at) {
        return new Envelope(deviceId, ++seq, at, true, "trial-1.0.0");
    }

    /** A resident puts {@code grams} into the bin. */
    DepositEvent deposit(String card, Material material, int grams, OffsetDateTime at) {
        int tare = reading();
        trueBinGrams += grams;
        return DepositEvent.of(next(at), card, material, tare, reading(), Optional.of(at.minusDays(30)));
    }

    /** The kiosk's software reports a deposit of {@code grams} that never happened, and keeps the lie in its readings. */
    DepositEvent invent(String card, int grams, OffsetDateTime at) {
        int tare = reading();
        phantomGrams += grams;
        return DepositEvent.of(next(at), card, Material.MIXED, tare, reading(), Optional.of(at.minusDays(30)));
    }

    /** Someone reaches in and takes {@code grams} out between two sessions: no event. */
    void takeOut(int grams) {
        trueBinGrams = Math.max(LINER_GRAMS, trueBinGrams - grams);
    }

    /**
     * A hauler's card opens the service door and the bin is emptied down to the liner.
     *
     * @return the event; {@code trueRemoved} is what the hauler carries to the truck
     */
    Emptying empty(String serviceCard, OffsetDateTime at) {
        int before = reading();
        long removed = trueBinGrams - LINER_GRAMS;
        trueBinGrams = LINER_GRAMS;
        int after = reading();
        return new Emptying(new BinEmptiedEvent(next(at), before - after, serviceCard, after), removed);
    }

    record Emptying(BinEmptiedEvent event, long trueRemovedGrams) {
    }
}
