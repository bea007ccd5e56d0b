package org.carbonkiosk.agent.hardware.mtsics;

import java.io.IOException;
import org.carbonkiosk.agent.hardware.Scale;
import org.carbonkiosk.agent.hardware.gpio.Sleeper;

/**
 * A weighing terminal speaking MT-SICS on a line channel. {@code stable} mode sends {@code S}
 * (the terminal answers once the weight is stable); immediate mode sends {@code SI} (the current
 * weight, stable or dynamic; the agent's own stability rule settles it). {@code S I} (busy) is
 * retried {@code busyRetries} times; overload, underload and error answers are failed reads.
 */
public final class MtSicsScale implements Scale, AutoCloseable {
    /** Which weight command to send. */
    public enum Mode { STABLE, IMMEDIATE }

    private final LineChannel channel;
    private final Mode mode;
    private final long timeoutMillis;
    private final int busyRetries;
    private final long busyDelayMillis;
    private final Sleeper sleeper;

    public MtSicsScale(LineChannel channel, Mode mode, long timeoutMillis, int busyRetries, long busyDelayMillis,
                       Sleeper sleeper) {
        this.channel = channel;
        this.mode = mode;
        this.timeoutMillis = timeoutMillis;
        this.busyRetries = busyRetries;
        this.busyDelayMillis = busyDelayMillis;
        this.sleeper = sleeper;
    }

    @Override
    public synchronized int readGrams() throws IOException {
        String command = mode == Mode.STABLE ? "S" : "SI";
        for (int attempt = 0; attempt <= busyRetries; attempt++) {
            if (attempt > 0) {
                sleeper.sleepMillis(busyDelayMillis);
            }
            channel.discardInput();
            channel.send(command);
            MtSicsReply reply = MtSicsReply.parse(channel.receive(timeoutMillis));
            if (reply instanceof MtSicsReply.Weight w) {
                if (mode == Mode.STABLE && !w.stable()) {
                    continue; // a dynamic answer to S: not what we asked for, ask again
                }
                return w.grams();
            }
            if (reply instanceof MtSicsReply.Failure f) {
                throw new IOException("weighing terminal: " + f.reason());
            }
        }
        throw new IOException("weighing terminal busy (S I) after " + (busyRetries + 1) + " attempts");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
