package org.carbonkiosk.simulator.demo;

import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import org.carbonkiosk.protocol.event.Timestamps;

/** A one-line progress bar on a terminal; on a pipe, a line every tenth of the way. */
final class ProgressBar {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final PrintStream out;
    private final boolean terminal;
    private int lastTenth = -1;
    private boolean drawn;

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    synchronized void show(Progress p) {
        int percent = p.slots() == 0 ? 100 : p.slot() * 100 / p.slots();
        String line = "[%-30s] %3d%%  %s  %d deposits  %s".formatted("#".repeat(percent * 30 / 100), percent,
                WHEN.format(p.simTime().atZone(Timestamps.SHANGHAI)), p.deposits(), p.phase());
        if (terminal) {
            out.print("\r" + line + "   ");
            drawn = true;
        } else if (percent / 10 != lastTenth || !"simulating".equals(p.phase())) {
            lastTenth = percent / 10;
            out.println(line);
        }
    }

    synchronized void done() {
        if (terminal && drawn) {
            out.println();
        }
    }
}
