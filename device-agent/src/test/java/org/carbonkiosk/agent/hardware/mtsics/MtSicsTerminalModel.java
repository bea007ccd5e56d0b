package org.carbonkiosk.agent.hardware.mtsics;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A METTLER TOLEDO terminal speaking MT-SICS level 0 over a line channel, in memory: {@code S}
 * answers {@code S S <weight> <unit>} when stable, {@code S I} while dynamic (its stability
 * timeout); {@code SI} answers at once with {@code S S} or {@code S D}; overload and underload
 * answer {@code S +} / {@code S -}; an unknown command answers {@code ES}. The weight field is
 * 10 characters right-aligned, as the reference manual shows.
 */
final class MtSicsTerminalModel implements LineChannel {
    private final Deque<String> output = new ArrayDeque<>();
    final List<String> received = new ArrayList<>();
    String weight = "0.00";
    String unit = "g";
    boolean stable = true;
    boolean overload;
    boolean underload;
    /** This many commands are answered {@code S I} first (busy). */
    int busyAnswers;
    /** Answers left in the input buffer from earlier commands. */
    final Deque<String> stale = new ArrayDeque<>();
    boolean closed;

    @Override
    public void discardInput() {
        output.clear();
    }

    @Override
    public void send(String line) {
        received.add(line);
        output.addAll(stale);
        stale.clear();
        output.add(answer(line));
    }

    private String answer(String command) {
        if (!command.equals("S") && !command.equals("SI")) {
            return "ES";
        }
        if (overload) {
            return "S +";
        }
        if (underload) {
            return "S -";
        }
        if (busyAnswers > 0) {
            busyAnswers--;
            return "S I";
        }
        String field = String.format("%10s", weight);
        if (command.equals("S")) {
            return stable ? "S S " + field + " " + unit : "S I";
        }
        return (stable ? "S S " : "S D ") + field + " " + unit;
    }

    @Override
    public String receive(long timeoutMillis) throws IOException {
        String line = output.poll();
        if (line == null) {
            throw new SocketTimeoutException("no answer");
        }
        return line;
    }

    @Override
    public void close() {
        closed = true;
    }
}
