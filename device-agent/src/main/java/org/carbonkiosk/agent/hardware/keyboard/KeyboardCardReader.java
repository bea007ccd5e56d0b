package org.carbonkiosk.agent.hardware.keyboard;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.carbonkiosk.agent.hardware.CardReader;
import org.carbonkiosk.agent.hardware.gpio.Sleeper;
import org.tinylog.Logger;

/**
 * A USB reader that types each card's UID as keystrokes. A reader thread takes lines from the
 * source (opened again after a failure, e.g. the reader was unplugged), parses them with the
 * {@link UidFormat} and queues them (at most 4 waiting; older taps beyond that are dropped).
 * A line that is not a UID is dropped and logged without its content.
 */
public final class KeyboardCardReader implements CardReader, AutoCloseable {
    /** Opens the line source (the device file). */
    @FunctionalInterface
    public interface Opener {
        LineSource open() throws IOException;
    }

    private final BlockingQueue<byte[]> taps = new ArrayBlockingQueue<>(4);
    private final Opener opener;
    private final UidFormat format;
    private final Sleeper sleeper;
    private final long reopenMillis;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile LineSource current;

    public KeyboardCardReader(Opener opener, UidFormat format, Sleeper sleeper, long reopenMillis) {
        this.opener = opener;
        this.format = format;
        this.sleeper = sleeper;
        this.reopenMillis = reopenMillis;
        this.thread = new Thread(this::run, "keyboard-card-reader");
        this.thread.setDaemon(true);
    }

    /** Starts the reader thread. */
    public KeyboardCardReader start() {
        thread.start();
        return this;
    }

    @Override
    public Optional<byte[]> poll() {
        return Optional.ofNullable(taps.poll());
    }

    private void run() {
        while (running) {
            try (LineSource source = opener.open()) {
                current = source;
                String line;
                while (running && (line = source.nextLine()) != null) {
                    Optional<byte[]> uid = format.parse(line);
                    if (uid.isEmpty()) {
                        Logger.warn("keyboard card reader: ignored a line that is not a UID ({} characters)", line.length());
                    } else if (!taps.offer(uid.get())) {
                        Logger.warn("keyboard card reader: tap dropped, {} taps already waiting", taps.size());
                    }
                }
                if (running) {
                    Logger.warn("keyboard card reader: input ended; reopening");
                }
            } catch (IOException e) {
                if (running) {
                    Logger.warn("keyboard card reader: {}; reopening", e.toString());
                }
            }
            current = null;
            if (running) {
                try {
                    sleeper.sleepMillis(reopenMillis);
                } catch (IOException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LineSource source = current;
        if (source != null) {
            try {
                source.close();
            } catch (IOException e) {
                Logger.debug("keyboard card reader: close: {}", e.toString());
            }
        }
        thread.interrupt();
    }
}
