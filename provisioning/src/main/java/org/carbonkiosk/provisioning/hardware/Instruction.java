package org.carbonkiosk.provisioning.hardware;

/** A physical step the tool asks the technician to do; simulated hardware does it by itself. */
public record Instruction(Kind kind, int grams) {
    public enum Kind { EMPTY_SCALE, PLACE_MASS, TAP_CARD }

    public static Instruction emptyScale() {
        return new Instruction(Kind.EMPTY_SCALE, 0);
    }

    public static Instruction placeMass(int grams) {
        return new Instruction(Kind.PLACE_MASS, grams);
    }

    public static Instruction tapCard() {
        return new Instruction(Kind.TAP_CARD, 0);
    }
}
