package org.carbonkiosk.agent.hardware.mtsics;

import java.io.IOException;

/** A line-oriented, request/response byte channel (a serial port; an in-memory terminal in tests). */
public interface LineChannel extends AutoCloseable {
    /** Throws away whatever was received and not read yet (late answers to an earlier command). */
    void discardInput() throws IOException;

    /** Sends {@code line} followed by CR LF. */
    void send(String line) throws IOException;

    /** The next line without its CR LF; an {@link java.io.InterruptedIOException} subtype on timeout. */
    String receive(long timeoutMillis) throws IOException;

    @Override
    void close() throws IOException;
}
