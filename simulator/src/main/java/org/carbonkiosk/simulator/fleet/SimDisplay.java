package org.carbonkiosk.simulator.fleet;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.carbonkiosk.agent.display.Display;
import org.carbonkiosk.agent.display.DisplayMessage;

/** The kiosk's screen as the simulated resident reads it: every message, in order. */
final class SimDisplay implements Display {
    private final BlockingQueue<DisplayMessage> shown = new LinkedBlockingQueue<>();

    @Override
    public void show(DisplayMessage message) {
        shown.add(message);
    }

    /** Waits for the first message matching {@code wanted}; messages before it are consumed. */
    DisplayMessage await(Predicate<DisplayMessage> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            DisplayMessage m = left > 0 ? shown.poll(left, TimeUnit.NANOSECONDS) : null;
            if (m == null) {
                throw new IllegalStateException("the kiosk screen did not show what was expected within " + timeout);
            }
            if (wanted.test(m)) {
                return m;
            }
        }
    }
}
