package org.carbonkiosk.agent.console;

import java.util.HexFormat;
import java.util.function.Supplier;
import org.carbonkiosk.agent.hardware.sim.SimulatedKiosk;

/**
 * The control console of a simulated kiosk: one command a line, one answer a line. Acts on the
 * {@link SimulatedKiosk} as a person would; the agent sees only the hardware. A tapped UID is
 * never echoed or logged.
 */
public final class ControlConsole {
    public static final String HELP = "commands: tap UID(hex) | add GRAMS | remove GRAMS | close | open (force the door)"
            + " | prize SLOT | bin PERCENT | status | help";
    private final SimulatedKiosk kiosk;
    private final Supplier<String> status;

    public ControlConsole(SimulatedKiosk kiosk, Supplier<String> status) {
        this.kiosk = kiosk;
        this.status = status;
    }

    /** Runs one command line; returns the answer. */
    public String handle(String line) {
        String[] words = line.trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            return "";
        }
        try {
            switch (words[0].toLowerCase()) {
                case "tap" -> {
                    byte[] uid = HexFormat.of().parseHex(arg(words).replace(":", ""));
                    if (uid.length == 0 || uid.length > 10) {
                        return "error: a UID is 1 to 10 bytes of hex";
                    }
                    kiosk.tap(uid);
                    return "ok: card tapped";
                }
                case "add" -> {
                    kiosk.add(grams(words));
                    return "ok: load " + kiosk.loadGrams() + " g";
                }
                case "remove" -> {
                    kiosk.remove(grams(words));
                    return "ok: load " + kiosk.loadGrams() + " g";
                }
                case "close" -> {
                    kiosk.closeDoor();
                    return "ok: door closed";
                }
                case "open" -> {
                    kiosk.openDoor();
                    return "ok: door opened";
                }
                case "prize" -> {
                    kiosk.dropPrize(Integer.parseInt(arg(words)));
                    return "ok: prize dropped";
                }
                case "bin" -> {
                    kiosk.setBinFillPercent(Integer.parseInt(arg(words)));
                    return "ok: bin fill set";
                }
                case "status" -> {
                    return status.get() + " load=" + kiosk.loadGrams() + "g unlocked=" + kiosk.isUnlocked()
                            + " plays=" + kiosk.playsGranted();
                }
                case "help" -> {
                    return HELP;
                }
                default -> {
                    return "error: unknown command '" + words[0] + "'; " + HELP;
                }
            }
        } catch (IllegalArgumentException e) {
            return "error: " + (words[0].equalsIgnoreCase("tap") ? "the UID must be hex" : e.getMessage()) + "; " + HELP;
        }
    }

    private static String arg(String[] words) {
        if (words.length < 2) {
            throw new IllegalArgumentException(words[0] + " needs an argument");
        }
        return words[1];
    }

    private static int grams(String[] words) {
        int g = Integer.parseInt(arg(words));
        if (g < 0 || g > 1_000_000) {
            throw new IllegalArgumentException("grams must be within [0, 1000000]");
        }
        return g;
    }
}
