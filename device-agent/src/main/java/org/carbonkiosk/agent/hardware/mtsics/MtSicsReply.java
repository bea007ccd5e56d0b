package org.carbonkiosk.agent.hardware.mtsics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** One MT-SICS answer to {@code S} or {@code SI}, parsed (METTLER TOLEDO MT-SICS reference, level 0). */
public sealed interface MtSicsReply {
    /** {@code S S} (stable) or {@code S D} (dynamic, only to SI): the weight in whole grams. */
    record Weight(int grams, boolean stable) implements MtSicsReply {
    }

    /** {@code S I}: the command could not be executed now (balance busy, e.g. still settling). */
    record Busy() implements MtSicsReply {
    }

    /** {@code S +} overload, {@code S -} underload, {@code ES}/{@code ET}/{@code EL} errors, or a line we cannot read. */
    record Failure(String reason) implements MtSicsReply {
    }

    static MtSicsReply parse(String line) {
        String text = line.strip();
        switch (text) {
            case "ES":
                return new Failure("syntax error (ES): command not understood");
            case "ET":
                return new Failure("transmission error (ET)");
            case "EL":
                return new Failure("logical error (EL): command cannot be executed");
            default:
                break;
        }
        String[] t = text.split("\\s+");
        if (t.length < 2 || !(t[0].equals("S") || t[0].equals("SI"))) {
            return new Failure("unexpected answer '" + text + "'");
        }
        switch (t[1]) {
            case "I":
                return new Busy();
            case "+":
                return new Failure("overload (S +)");
            case "-":
                return new Failure("underload (S -)");
            case "S":
            case "D":
                break;
            default:
                return new Failure("unexpected status '" + t[1] + "'");
        }
        if (t.length < 4) {
            return new Failure("weight answer without value and unit");
        }
        String value = String.join("", java.util.Arrays.copyOfRange(t, 2, t.length - 1)); // "- 1.2" -> "-1.2"
        String unit = t[t.length - 1];
        BigDecimal number;
        try {
            number = new BigDecimal(value);
        } catch (NumberFormatException e) {
            return new Failure("unreadable weight value");
        }
        BigDecimal grams = switch (unit) {
            case "g" -> number;
            case "kg" -> number.movePointRight(3);
            case "mg" -> number.movePointLeft(3);
            default -> null;
        };
        if (grams == null) {
            return new Failure("unsupported unit '" + unit + "' (set the terminal to g or kg)");
        }
        return new Weight(grams.setScale(0, RoundingMode.HALF_UP).intValueExact(), t[1].equals("S"));
    }
}
