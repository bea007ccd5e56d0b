package org.carbonkiosk.agent.hardware.hx711;

/** HX711 input channel and gain, chosen by the number of clock pulses after the 24 data bits. */
public enum Hx711Gain {
    /** Channel A, gain 128: 25 pulses in total. */
    A_128(1),
    /** Channel B, gain 32: 26 pulses in total. */
    B_32(2),
    /** Channel A, gain 64: 27 pulses in total. */
    A_64(3);

    private final int extraPulses;

    Hx711Gain(int extraPulses) {
        this.extraPulses = extraPulses;
    }

    public int extraPulses() {
        return extraPulses;
    }

    /** @param gain 128, 64 or 32 (32 selects channel B) */
    public static Hx711Gain of(int gain) {
        return switch (gain) {
            case 128 -> A_128;
            case 64 -> A_64;
            case 32 -> B_32;
            default -> throw new IllegalArgumentException("HX711 gain must be 128, 64 or 32, was " + gain);
        };
    }
}
